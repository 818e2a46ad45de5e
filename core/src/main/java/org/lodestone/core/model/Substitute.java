package org.lodestone.core.model;

/**
 * A substitute for NdFeB magnets in one sector, adopted as a lagged, bounded response to a price.
 *
 * <p>Each year t the target share is {@code maxShare · clamp((ρ − trigger) / (full − trigger), 0, 1)},
 * where {@code ρ} is the signal price averaged over the {@code signalYears} years ending in
 * {@code t − lagYears}, over its reference price (the
 * magnet reference price, or the element's oxide reference price). The adopted share moves towards
 * the target by at most {@code maxChangePerYear} up and {@code maxReturnPerYear} down:
 * {@code s(t) = s(t−1) + clamp(target − s(t−1), −maxReturnPerYear, maxChangePerYear)}, starting from
 * {@code initialShare}. This is a partial-adjustment (Nerlove) response, bounded as in Sprecher et
 * al. 2017 (ES&amp;T 51, 3860: at most ~10 % of demand per year moved to substitutes after the 2010–11
 * price spike) and by a technical maximum share (DESIGN: "each substitute has a maximum technical
 * share").
 *
 * @param id               name, unique within the sector (e.g. {@code ferrite-motor})
 * @param sector           index into {@link SupplyChain#sectors()}
 * @param kind             what adoption does
 * @param signal           the element whose oxide price drives it, or {@code null}: the magnet price for
 *                         a magnet-free substitute, the cost of the Dy and Tb in the sector's magnets
 *                         ({@code Σ grade_e · price_e} over {@code Σ grade_e · reference_e}, e = Dy, Tb)
 *                         for a heavy-free grade
 * @param maxShare         technical maximum share of the sector's magnets, in [0, 1]
 * @param maxChangePerYear largest rise of the share in one year, in [0, 1]
 * @param maxReturnPerYear largest fall of the share in one year (reversal when prices ease), in [0, 1]
 * @param lagYears         years between the price signal and the response, {@code >= 1}
 * @param trigger          relative price at which adoption starts, {@code > 0}
 * @param full             relative price at which the target reaches {@code maxShare}, {@code > trigger}
 * @param heavyReduction   for {@link Kind#HEAVY_FREE}: share of the Dy and Tb content removed in the
 *                         adopted magnets, in [0, 1] (replaced by the same mass of NdPr); 0 otherwise
 * @param initialShare     share adopted before the response starts, in [0, maxShare]
 * @param fromIndex        year index from which the share responds (earlier years hold the initial
 *                         share: history replayed from data), {@code >= 0}
 * @param signalYears      years over which the relative price is averaged (ending at t − lag): firms
 *                         redesign on sustained prices, not on one year's spike; {@code >= 1}
 */
public record Substitute(String id, int sector, Kind kind, Element signal, double maxShare,
    double maxChangePerYear, double maxReturnPerYear, int lagYears, double trigger, double full,
    double heavyReduction, double initialShare, int fromIndex, int signalYears) {

  /** A substitute that responds from the first year of the run. */
  public Substitute(String id, int sector, Kind kind, Element signal, double maxShare,
      double maxChangePerYear, double maxReturnPerYear, int lagYears, double trigger, double full,
      double heavyReduction, double initialShare) {
    this(id, sector, kind, signal, maxShare, maxChangePerYear, maxReturnPerYear, lagYears, trigger, full,
        heavyReduction, initialShare, 0, 1);
  }

  /** A substitute that responds from year index {@code fromIndex} to one year's price. */
  public Substitute(String id, int sector, Kind kind, Element signal, double maxShare,
      double maxChangePerYear, double maxReturnPerYear, int lagYears, double trigger, double full,
      double heavyReduction, double initialShare, int fromIndex) {
    this(id, sector, kind, signal, maxShare, maxChangePerYear, maxReturnPerYear, lagYears, trigger, full,
        heavyReduction, initialShare, fromIndex, 1);
  }

  /** What adopting a substitute changes. */
  public enum Kind {
    /** Ferrite, induction or wound-rotor motors: the share leaves NdFeB demand altogether. */
    MAGNET_FREE,
    /**
     * Heavy-rare-earth-free or thrifted grades (grain-boundary diffusion, fine-grain magnets): the
     * magnets stay, with less Dy and Tb and correspondingly more NdPr.
     */
    HEAVY_FREE;

    /** The name used in files ({@code magnet-free}, {@code heavy-free}). */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public Substitute {
    if (!(maxShare >= 0 && maxShare <= 1) || !(maxChangePerYear >= 0 && maxChangePerYear <= 1)
        || !(maxReturnPerYear >= 0 && maxReturnPerYear <= 1)) {
      throw new IllegalArgumentException("substitute " + id + ": shares and rates must be in [0, 1]");
    }
    if (lagYears < 1) {
      throw new IllegalArgumentException("substitute " + id + ": lag must be at least 1 year");
    }
    if (!(trigger > 0) || !(full > trigger) || Double.isInfinite(full)) {
      throw new IllegalArgumentException("substitute " + id + ": need 0 < trigger < full");
    }
    if (!(heavyReduction >= 0 && heavyReduction <= 1)) {
      throw new IllegalArgumentException("substitute " + id + ": heavy reduction must be in [0, 1]");
    }
    if (fromIndex < 0 || signalYears < 1) {
      throw new IllegalArgumentException("substitute " + id + ": negative start index");
    }
    if (!(initialShare >= 0 && initialShare <= maxShare)) {
      throw new IllegalArgumentException("substitute " + id + ": initial share must be in [0, maxShare]");
    }
  }

  /** The target share for a relative price {@code ratio}. */
  public double target(double ratio) {
    double x = (ratio - trigger) / (full - trigger);
    return maxShare * Math.max(0, Math.min(1, x));
  }

  /** This year's share from last year's and the target, within the yearly bounds. */
  public double step(double previous, double target) {
    double change = Math.max(-maxReturnPerYear, Math.min(maxChangePerYear, target - previous));
    return Math.max(0, Math.min(maxShare, previous + change));
  }
}
