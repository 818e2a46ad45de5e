package org.lodestone.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * Parameters of the element-price market model (one market, joint products priced element by element;
 * see {@code org.lodestone.core.engine.ElementMarketEngine}). Immutable; arrays are copied in and out.
 * Units: USD/kg, t, years; shares in [0, 1].
 *
 * @param curvature         short-run supply-curve curvature by stage ordinal ({@link Stage}: mining,
 *                          separation, metal, magnet), {@code α >= 0}: a producer of cash cost c0 and
 *                          nameplate K offers output q at the marginal cost
 *                          {@code c0 · (1 + α · u / (1 − u))}, {@code u = q / K}; {@code α = 0} is the
 *                          flat merit-order step
 * @param gradeElasticity   in-year elasticity of each element's content per kg of magnet to its own price
 *                          at the reference price (grade choice, thrifting), by {@link Element} ordinal,
 *                          {@code <= 0}: content = design content × {@code exp(ε (p/p_ref − 1))} or, with
 *                          {@link GradeForm#POWER}, {@code (p/p_ref)^ε}; 0 keeps the design content (NdPr)
 * @param otherReoValueUsdPerKg value of the rest of the basket (La, Ce and the other oxides outside
 *                          NdPr, Dy, Tb), USD per kg of those oxides, {@code >= 0}
 * @param caps              production caps (quotas) on groups of producers, separate from capacity
 * @param storage           competitive storage of oxides, at most one per element
 * @param stickyShare       share of the magnet demand outside China that buys only from makers outside
 *                          China (supply contracts, qualification), in [0, 1]
 * @param switchPremiumUsdPerKg premium over the open (China) magnet price at which those buyers switch
 *                          to China's makers, USD/kg, {@code >= 0}
 * @param assembledInChinaShare share of the magnet demand outside China that is bought in China's
 *                          market because the products are assembled in China, in [0, 1]. It does not
 *                          act on the one market's clearing; it places the magnets bought for the
 *                          implied {@code net_exports} of the one market ({@code TidyResults}). The
 *                          regional market routes demand with {@link Trade#assembledInChinaShare()}.
 * @param gradeForm         the form of the grade choice ({@link GradeForm}): the exponential above, or
 *                          the power law {@code content = design content × (p/p_ref)^ε} of AUDIT.md
 *                          Part A s.5 item 3
 * @param oxideUses         demand for oxides outside magnets (phosphors, magnetostrictive alloys, ...),
 *                          at most one per element and region ({@link OxideUse})
 */
public record ElementMarket(double[] curvature, double[] gradeElasticity, double otherReoValueUsdPerKg,
    List<ProductionCap> caps, List<Storage> storage, double stickyShare, double switchPremiumUsdPerKg,
    double assembledInChinaShare, GradeForm gradeForm, List<OxideUse> oxideUses) {

  /**
   * The form of the in-year grade choice, {@code h = content / design content} as a function of the
   * element's cost C (oxide price, plus its share of the metal-making fee) against its reference price.
   * Both have {@code h = 1} and elasticity ε at the reference price, and the same content ceiling
   * {@code e^−ε}; they part above it. At 3x the reference price with ε = −0.35 the exponential's
   * arc elasticity {@code ln h / ln 3} is {@code −0.35 × 2 / ln 3 = −0.64} and its point elasticity
   * {@code ε p/p_ref = −1.05}, outside the sourced −0.2 to −0.5; the power law's is ε at every price.
   */
  public enum GradeForm {
    /** {@code h = exp(ε (C/p_ref − 1))}: the point elasticity {@code ε C/p_ref} grows with the price. */
    EXPONENTIAL("exponential"),
    /**
     * {@code h = (C/p_ref)^ε}, a constant elasticity ε (AUDIT.md Part A s.5 item 3: Dy/Tb intensity
     * {@code g0 (p/p_ref)^ε_g}, ε_g ≈ −0.2 to −0.5); below {@code C = p_ref / e} the content stays at
     * its value there, {@code e^−ε}, the exponential form's content at a zero price (a stated ceiling, so
     * the content stays finite as the price falls to zero).
     */
    POWER("power");

    private final String code;

    GradeForm(String code) {
      this.code = code;
    }

    /** The scenario format's name ({@code market.gradeElasticity.form}). */
    public String code() {
      return code;
    }
  }

  /**
   * Suffix of the producers that make up a cap's off-quota tranche ({@code <member>-offquota}, added by
   * the scenario compiler outside the cap). Their output is illegal and unreported: official production
   * statistics (USGS's China mine production equals the quota) leave it out.
   */
  public static final String OFF_QUOTA_SUFFIX = "-offquota";

  /** Whether the producer of this id is part of an off-quota tranche (see {@link #OFF_QUOTA_SUFFIX}). */
  public static boolean isOffQuota(String producerId) {
    return producerId.endsWith(OFF_QUOTA_SUFFIX);
  }

  public ElementMarket {
    oxideUses = List.copyOf(oxideUses);
    java.util.Set<String> uses = new java.util.HashSet<>();
    for (OxideUse u : oxideUses) {
      if (!uses.add(u.element() + "@" + u.region())) {
        throw new IllegalArgumentException("at most one oxide use per element and region: " + u.id());
      }
    }
    if (gradeForm == null) {
      throw new IllegalArgumentException("grade form must be given");
    }
    curvature = curvature.clone();
    gradeElasticity = gradeElasticity.clone();
    if (curvature.length != 4) {
      throw new IllegalArgumentException("supply-curve curvature needs one value per stage (4)");
    }
    for (double a : curvature) {
      if (!(a >= 0) || Double.isInfinite(a)) {
        throw new IllegalArgumentException("supply-curve curvature must be finite and >= 0: " + a);
      }
    }
    if (gradeElasticity.length != Element.COUNT) {
      throw new IllegalArgumentException("grade elasticity needs " + Element.COUNT + " values");
    }
    for (double e : gradeElasticity) {
      if (!(e <= 0) || Double.isInfinite(e)) {
        throw new IllegalArgumentException("grade elasticity must be finite and <= 0: " + e);
      }
    }
    if (!(otherReoValueUsdPerKg >= 0) || Double.isInfinite(otherReoValueUsdPerKg)) {
      throw new IllegalArgumentException("value of the other oxides must be finite and >= 0");
    }
    caps = List.copyOf(caps);
    storage = List.copyOf(storage);
    boolean[] seen = new boolean[Element.COUNT];
    for (Storage s : storage) {
      if (seen[s.element()]) {
        throw new IllegalArgumentException("at most one storage per element");
      }
      seen[s.element()] = true;
    }
    if (!(stickyShare >= 0 && stickyShare <= 1)) {
      throw new IllegalArgumentException("sticky share must be in [0, 1]: " + stickyShare);
    }
    if (!(switchPremiumUsdPerKg >= 0) || Double.isInfinite(switchPremiumUsdPerKg)) {
      throw new IllegalArgumentException("switching premium must be finite and >= 0");
    }
    if (!(assembledInChinaShare >= 0 && assembledInChinaShare <= 1)) {
      throw new IllegalArgumentException("share assembled in China must be in [0, 1]: " + assembledInChinaShare);
    }
  }

  /** A market without oxide uses outside magnets. */
  public ElementMarket(double[] curvature, double[] gradeElasticity, double otherReoValueUsdPerKg,
      List<ProductionCap> caps, List<Storage> storage, double stickyShare, double switchPremiumUsdPerKg,
      double assembledInChinaShare, GradeForm gradeForm) {
    this(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, stickyShare, switchPremiumUsdPerKg,
        assembledInChinaShare, gradeForm, List.of());
  }

  /** A market without demand assembled in China ({@code assembledInChinaShare} 0). */
  public ElementMarket(double[] curvature, double[] gradeElasticity, double otherReoValueUsdPerKg,
      List<ProductionCap> caps, List<Storage> storage, double stickyShare, double switchPremiumUsdPerKg) {
    this(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, stickyShare, switchPremiumUsdPerKg, 0);
  }

  /** A market with the exponential grade choice ({@link GradeForm#EXPONENTIAL}). */
  public ElementMarket(double[] curvature, double[] gradeElasticity, double otherReoValueUsdPerKg,
      List<ProductionCap> caps, List<Storage> storage, double stickyShare, double switchPremiumUsdPerKg,
      double assembledInChinaShare) {
    this(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, stickyShare, switchPremiumUsdPerKg,
        assembledInChinaShare, GradeForm.EXPONENTIAL);
  }

  /** Defaults: curvature 0.05 at every stage, no grade response, no caps, no storage, no stickiness. */
  public static ElementMarket plain() {
    return new ElementMarket(new double[] {0.05, 0.05, 0.05, 0.05}, new double[Element.COUNT], 0,
        List.of(), List.of(), 0, 0);
  }

  @Override
  public double[] curvature() {
    return curvature.clone();
  }

  /** Curvature of a stage's supply curves. */
  public double curvature(Stage stage) {
    return curvature[stage.ordinal()];
  }

  @Override
  public double[] gradeElasticity() {
    return gradeElasticity.clone();
  }

  public double gradeElasticity(int e) {
    return gradeElasticity[e];
  }

  public ElementMarket withCaps(List<ProductionCap> newCaps) {
    return new ElementMarket(curvature, gradeElasticity, otherReoValueUsdPerKg, newCaps, storage, stickyShare,
        switchPremiumUsdPerKg, assembledInChinaShare, gradeForm, oxideUses);
  }

  public ElementMarket withStorage(List<Storage> newStorage) {
    return new ElementMarket(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, newStorage, stickyShare,
        switchPremiumUsdPerKg, assembledInChinaShare, gradeForm, oxideUses);
  }

  public ElementMarket withSticky(double share, double premium) {
    return new ElementMarket(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, share, premium,
        assembledInChinaShare, gradeForm, oxideUses);
  }

  public ElementMarket withGradeElasticity(double[] elasticity) {
    return new ElementMarket(curvature, elasticity, otherReoValueUsdPerKg, caps, storage, stickyShare,
        switchPremiumUsdPerKg, assembledInChinaShare, gradeForm, oxideUses);
  }

  public ElementMarket withCurvature(double[] newCurvature) {
    return new ElementMarket(newCurvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, stickyShare,
        switchPremiumUsdPerKg, assembledInChinaShare, gradeForm, oxideUses);
  }

  public ElementMarket withOtherReoValue(double usdPerKg) {
    return new ElementMarket(curvature, gradeElasticity, usdPerKg, caps, storage, stickyShare,
        switchPremiumUsdPerKg, assembledInChinaShare, gradeForm, oxideUses);
  }

  /** The same market with the share of demand outside China bought in China's market. */
  public ElementMarket withAssembledInChina(double share) {
    return new ElementMarket(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, stickyShare,
        switchPremiumUsdPerKg, share, gradeForm, oxideUses);
  }

  /** The same market with the grade choice of the given form. */
  public ElementMarket withGradeForm(GradeForm form) {
    return new ElementMarket(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, stickyShare,
        switchPremiumUsdPerKg, assembledInChinaShare, form, oxideUses);
  }

  /** The same market with these oxide uses outside magnets. */
  public ElementMarket withOxideUses(List<OxideUse> uses) {
    return new ElementMarket(curvature, gradeElasticity, otherReoValueUsdPerKg, caps, storage, stickyShare,
        switchPremiumUsdPerKg, assembledInChinaShare, gradeForm, uses);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElementMarket m && Arrays.equals(curvature, m.curvature)
        && Arrays.equals(gradeElasticity, m.gradeElasticity) && otherReoValueUsdPerKg == m.otherReoValueUsdPerKg
        && caps.equals(m.caps) && storage.equals(m.storage) && stickyShare == m.stickyShare
        && switchPremiumUsdPerKg == m.switchPremiumUsdPerKg && assembledInChinaShare == m.assembledInChinaShare
        && gradeForm == m.gradeForm && oxideUses.equals(m.oxideUses);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(curvature) * 31 + caps.hashCode();
  }

  /**
   * A legal output cap (a quota) on the summed output of a group of producers of one stage, by year
   * index; separate from their capacity. Its shadow price is the quota rent.
   *
   * @param id        name shown in messages
   * @param members   indices into {@link SupplyChain#producers()}, all of one stage
   * @param capT      cap by year index, t/yr, {@code >= 0}; {@code +Infinity} where none applies
   */
  public record ProductionCap(String id, int[] members, double[] capT) {
    public ProductionCap {
      members = members.clone();
      capT = capT.clone();
      if (members.length == 0) {
        throw new IllegalArgumentException("cap " + id + " has no producers");
      }
      for (double c : capT) {
        if (!(c >= 0)) {
          throw new IllegalArgumentException("cap " + id + " must be >= 0");
        }
      }
    }

    @Override
    public int[] members() {
      return members.clone();
    }

    public int member(int k) {
      return members[k];
    }

    public int size() {
      return members.length;
    }

    public double capT(int t) {
      return capT[t];
    }

    @Override
    public double[] capT() {
      return capT.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ProductionCap c && id.equals(c.id) && Arrays.equals(members, c.members)
          && Arrays.equals(capT, c.capT);
    }

    @Override
    public int hashCode() {
      return id.hashCode() * 31 + Arrays.hashCode(capT);
    }
  }

  /**
   * Competitive storage of one oxide (Williams and Wright 1991; Deaton and Laroque 1996): the holder
   * keeps at the end of the year the stock {@code S = clamp(K (b − p) / (w · p̂), 0, K)} where
   * {@code b = p̂ (1 − carryingCostShare) / (1 + interestRate)} is what a kg held is worth today when the
   * price is expected to be {@code p̂} next year, and {@code w} the price width (share of p̂) over which
   * it goes from empty to full (rising marginal cost of holding). It buys when the price is below b and
   * sells when above; {@code p̂ = a · p_ref + (1 − a) · trailing}, a blend (regressive expectations) of
   * the oxide's reference price and the average of its last {@code trailingYears} prices (the
   * reference price alone before there are any).
   *
   * @param element          {@link Element} ordinal
   * @param capacityT        most it holds, t, {@code > 0}
   * @param initialT         stock before the first year, t, in [0, capacityT]
   * @param interestRate     annual interest rate, in [0, 1)
   * @param carryingCostShare annual physical carrying cost (storage, insurance) as a share of value, [0, 1)
   * @param widthShare       price width from empty to full as a share of the expected price, {@code > 0}
   * @param trailingYears    years in the expected price, {@code >= 1}
   * @param anchorShare      weight a of the reference price in the expected price, in [0, 1]
   */
  public record Storage(int element, double capacityT, double initialT, double interestRate,
      double carryingCostShare, double widthShare, int trailingYears, double anchorShare) {
    public Storage {
      if (element < 0 || element >= Element.COUNT) {
        throw new IllegalArgumentException("storage element index out of range: " + element);
      }
      if (!(capacityT > 0) || Double.isInfinite(capacityT)) {
        throw new IllegalArgumentException("storage capacity must be finite and > 0 t");
      }
      if (!(initialT >= 0 && initialT <= capacityT)) {
        throw new IllegalArgumentException("storage initial level must be in [0, capacity]");
      }
      if (!(interestRate >= 0 && interestRate < 1) || !(carryingCostShare >= 0 && carryingCostShare < 1)) {
        throw new IllegalArgumentException("storage interest rate and carrying cost must be in [0, 1)");
      }
      if (!(widthShare > 0) || Double.isInfinite(widthShare)) {
        throw new IllegalArgumentException("storage width must be finite and > 0");
      }
      if (trailingYears < 1) {
        throw new IllegalArgumentException("storage trailing years must be >= 1");
      }
      if (!(anchorShare >= 0 && anchorShare <= 1)) {
        throw new IllegalArgumentException("storage anchor share must be in [0, 1]");
      }
    }

    /** What a kg held to next year is worth now when the price is expected to be {@code expected}. */
    public double holdValue(double expected) {
      return expected * (1 - carryingCostShare) / (1 + interestRate);
    }
  }

  /**
   * Demand for one element's oxide outside magnets (lighting phosphors, magnetostrictive alloys, glass
   * and ceramics additives), at a constant elasticity: {@code q = D(t) · (max(p, f p_ref) / p_ref)^ε},
   * {@code p_ref} the oxide's reference price ({@code market.referencePrices}) and {@code f =}
   * {@link #FLOOR_SHARE}. Below {@code f p_ref} the use takes no more (a stated ceiling: a
   * constant-elasticity demand grows without bound as the price falls to zero, and an element in surplus
   * would then be absorbed by a use that cannot take it). Its consumer surplus is the integral of that
   * demand, so the use is one more buyer in the equilibrium's welfare programme (Takayama and Judge 1971).
   *
   * @param id        name shown in results and messages
   * @param element   {@link Element} ordinal
   * @param region    index into {@link SupplyChain#regionCodes()} of the market it buys in, or −1 for the
   *                  market where oxide storage is held (China's, or the one market)
   * @param demandT   reference demand by year index at the reference price, t of oxide, {@code >= 0}
   * @param elasticity own-price elasticity, {@code <= 0} (0: a fixed tonnage)
   */
  public record OxideUse(String id, int element, int region, double[] demandT, double elasticity) {
    /** Share of the reference price below which the use takes no more. */
    public static final double FLOOR_SHARE = 0.01;

    public OxideUse {
      if (element < 0 || element >= Element.COUNT) {
        throw new IllegalArgumentException("oxide use element index out of range: " + element);
      }
      demandT = demandT.clone();
      for (double d : demandT) {
        if (!(d >= 0) || Double.isInfinite(d)) {
          throw new IllegalArgumentException("oxide use " + id + " must be finite and >= 0 t");
        }
      }
      if (!(elasticity <= 0) || elasticity < -10) {
        throw new IllegalArgumentException("oxide use " + id + " elasticity must be in [-10, 0]: " + elasticity);
      }
    }

    @Override
    public double[] demandT() {
      return demandT.clone();
    }

    public double demandT(int t) {
      return demandT[t];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof OxideUse u && id.equals(u.id) && element == u.element && region == u.region
          && Arrays.equals(demandT, u.demandT) && elasticity == u.elasticity;
    }

    @Override
    public int hashCode() {
      return id.hashCode() * 31 + Arrays.hashCode(demandT);
    }
  }
}
