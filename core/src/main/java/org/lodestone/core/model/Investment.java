package org.lodestone.core.model;

/**
 * Endogenous investment in one stage and region: new capacity, held by its own producer (index
 * {@code producer}, whose data path is zero), is started where the trailing price exceeds the
 * long-run marginal cost and arrives after the stage's lead time.
 *
 * <p>Long-run marginal cost (levelised cost, e.g. IEA/NEA "Projected Costs of Generating
 * Electricity", 2020, eq. 1 with constant output): {@code LRMC = opex − subsidy + capex · CRF}, with the
 * capital recovery factor {@code CRF = r / (1 − (1 + r)^−n)} at the cost of capital r over n years.
 * Cheaper capital (preferential loans) lowers r, subsidies per kg lower the operating cost: this is
 * the channel for policy support (DESIGN, Producers).
 *
 * <p>Each year t, with the signal {@code v̄} = the average over the last {@code trailingYears} years of
 * the value a kg of the stage's product earns in the region (its price less inputs at market prices,
 * as in producer margins), capacity started is
 * {@code ΔK = maxGrowth · K_world(t) · clamp((v̄ − LRMC) / LRMC, 0, 1)} (zero when v̄ ≤ LRMC), where
 * {@code K_world} is the world capacity of the stage, provided the stage's trailing utilisation in the
 * region (world, where the region has no capacity) is at least {@code minUtilisation} — investors do
 * not add plants where existing ones stand idle, whatever the margin; it adds {@code ΔK · min(1, (τ − t − L + 1) / R)} in
 * year τ ≥ t + L (lead time L, linear ramp-up over R years).
 *
 * @param id               name, unique (also the new producer's id)
 * @param stage            the stage invested in
 * @param region           index into {@link SupplyChain#regionCodes()}
 * @param producer         index into {@link SupplyChain#producers()} of the producer that holds the
 *                         new capacity
 * @param leadYears        years from decision to first output, {@code >= 1}
 * @param rampYears        years from first output to nameplate, {@code >= 1}
 * @param capexUsdPerKgYear capital cost per kg/year of capacity, USD
 * @param costOfCapital    real cost of capital, per year, in [0, 1)
 * @param lifeYears        economic life for the annuity, {@code >= 1}
 * @param operatingCost    cash operating cost, USD/kg
 * @param subsidy          support per kg produced, USD/kg
 * @param maxGrowth        largest capacity started in one year, as a share of world stage capacity
 * @param trailingYears    years averaged for the price signal, {@code >= 1}
 * @param fromIndex        first year index in which decisions are taken (earlier years: history,
 *                         whose capacity is data), {@code >= 0}
 * @param minUtilisation   investors build only where the stage's existing capacity in the region (or
 *                         the world's, where the region has none) ran at least this full, on average
 *                         over the trailing years, in [0, 1]; 0 for no such condition
 * @param availabilityT    share of the built capacity available in each year (outages and delays of
 *                         scenario events), by year index, each {@code >= 0}; {@code null}: always 1
 * @param sourceYearT      for each year index, the year index whose built capacity it shows (capacity
 *                         delays of scenario events: {@code t − n} inside the delay), each {@code <= t};
 *                         {@code null}: the year itself
 */
public record Investment(String id, Stage stage, int region, int producer, int leadYears, int rampYears,
    double capexUsdPerKgYear, double costOfCapital, int lifeYears, double operatingCost, double subsidy,
    double maxGrowth, int trailingYears, int fromIndex, double minUtilisation, double[] availabilityT,
    int[] sourceYearT) {

  /** A rule that decides from the first year of the run. */
  public Investment(String id, Stage stage, int region, int producer, int leadYears, int rampYears,
      double capexUsdPerKgYear, double costOfCapital, int lifeYears, double operatingCost, double subsidy,
      double maxGrowth, int trailingYears) {
    this(id, stage, region, producer, leadYears, rampYears, capexUsdPerKgYear, costOfCapital, lifeYears,
        operatingCost, subsidy, maxGrowth, trailingYears, 0, 0);
  }

  /** A rule without a utilisation condition. */
  public Investment(String id, Stage stage, int region, int producer, int leadYears, int rampYears,
      double capexUsdPerKgYear, double costOfCapital, int lifeYears, double operatingCost, double subsidy,
      double maxGrowth, int trailingYears, int fromIndex) {
    this(id, stage, region, producer, leadYears, rampYears, capexUsdPerKgYear, costOfCapital, lifeYears,
        operatingCost, subsidy, maxGrowth, trailingYears, fromIndex, 0);
  }

  /** A rule whose built capacity is always available. */
  public Investment(String id, Stage stage, int region, int producer, int leadYears, int rampYears,
      double capexUsdPerKgYear, double costOfCapital, int lifeYears, double operatingCost, double subsidy,
      double maxGrowth, int trailingYears, int fromIndex, double minUtilisation) {
    this(id, stage, region, producer, leadYears, rampYears, capexUsdPerKgYear, costOfCapital, lifeYears,
        operatingCost, subsidy, maxGrowth, trailingYears, fromIndex, minUtilisation, null, null);
  }

  /** A copy with another availability path ({@code null}: always 1). */
  public Investment withAvailabilityT(double[] availability) {
    return new Investment(id, stage, region, producer, leadYears, rampYears, capexUsdPerKgYear, costOfCapital,
        lifeYears, operatingCost, subsidy, maxGrowth, trailingYears, fromIndex, minUtilisation, availability,
        sourceYearT);
  }

  /** A copy with another source-year map ({@code null}: each year its own). */
  public Investment withSourceYearT(int[] sourceYear) {
    return new Investment(id, stage, region, producer, leadYears, rampYears, capexUsdPerKgYear, costOfCapital,
        lifeYears, operatingCost, subsidy, maxGrowth, trailingYears, fromIndex, minUtilisation, availabilityT,
        sourceYear);
  }

  /** The year index whose built capacity year index t shows. */
  public int sourceYear(int t) {
    return sourceYearT == null ? t : sourceYearT[t];
  }

  /** The source-year map (a copy), or {@code null}. */
  @Override
  public int[] sourceYearT() {
    return sourceYearT == null ? null : sourceYearT.clone();
  }

  /** Share of the built capacity available in year index t. */
  public double availability(int t) {
    return availabilityT == null ? 1 : availabilityT[t];
  }

  public Investment {
    if (sourceYearT != null) {
      sourceYearT = sourceYearT.clone();
      for (int t = 0; t < sourceYearT.length; t++) {
        if (sourceYearT[t] < 0 || sourceYearT[t] > t) {
          throw new IllegalArgumentException("investment " + id + ": a year's capacity can only come from an earlier year");
        }
      }
    }
    if (availabilityT != null) {
      availabilityT = availabilityT.clone();
      for (double a : availabilityT) {
        if (!(a >= 0) || Double.isInfinite(a)) {
          throw new IllegalArgumentException("investment " + id + ": availability must be finite and >= 0");
        }
      }
    }
    if (leadYears < 1 || rampYears < 1 || lifeYears < 1 || trailingYears < 1 || fromIndex < 0) {
      throw new IllegalArgumentException("investment " + id + ": lead, ramp, life and trailing years must be >= 1");
    }
    if (!(capexUsdPerKgYear >= 0) || !(operatingCost >= 0) || !(subsidy >= 0)
        || Double.isInfinite(capexUsdPerKgYear) || Double.isInfinite(operatingCost)) {
      throw new IllegalArgumentException("investment " + id + ": costs must be finite and >= 0");
    }
    if (!(costOfCapital >= 0 && costOfCapital < 1) || !(maxGrowth >= 0 && maxGrowth <= 1)
        || !(minUtilisation >= 0 && minUtilisation <= 1)) {
      throw new IllegalArgumentException("investment " + id + ": cost of capital in [0, 1), max growth in [0, 1]");
    }
  }

  /** The availability path (a copy), or {@code null}. */
  @Override
  public double[] availabilityT() {
    return availabilityT == null ? null : availabilityT.clone();
  }

  /** Capital recovery factor {@code r / (1 − (1 + r)^−n)}; {@code 1/n} at r = 0. */
  public double capitalRecoveryFactor() {
    if (costOfCapital == 0) {
      return 1.0 / lifeYears;
    }
    return costOfCapital / (1 - Math.pow(1 + costOfCapital, -lifeYears));
  }

  /** Long-run marginal cost, USD/kg: operating cost − subsidy + capex annuity. */
  public double longRunMarginalCost() {
    return operatingCost - subsidy + capexUsdPerKgYear * capitalRecoveryFactor();
  }

  /** Capacity started for a signal {@code v} and world stage capacity {@code worldCapacity}. */
  public double started(double v, double worldCapacity) {
    double lrmc = longRunMarginalCost();
    if (!(v > lrmc)) {
      return 0;
    }
    double margin = lrmc > 0 ? (v - lrmc) / lrmc : 1;
    return maxGrowth * worldCapacity * Math.min(1, margin);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Investment x && id.equals(x.id) && stage == x.stage && region == x.region
        && producer == x.producer && leadYears == x.leadYears && rampYears == x.rampYears
        && Double.compare(capexUsdPerKgYear, x.capexUsdPerKgYear) == 0
        && Double.compare(costOfCapital, x.costOfCapital) == 0 && lifeYears == x.lifeYears
        && Double.compare(operatingCost, x.operatingCost) == 0 && Double.compare(subsidy, x.subsidy) == 0
        && Double.compare(maxGrowth, x.maxGrowth) == 0 && trailingYears == x.trailingYears
        && fromIndex == x.fromIndex && Double.compare(minUtilisation, x.minUtilisation) == 0
        && java.util.Arrays.equals(availabilityT, x.availabilityT)
        && java.util.Arrays.equals(sourceYearT, x.sourceYearT);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + java.util.Arrays.hashCode(availabilityT);
  }

  @Override
  public String toString() {
    return "Investment[" + id + ", " + stage.code() + ", region " + region + "]";
  }
}
