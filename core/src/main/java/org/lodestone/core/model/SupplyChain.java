package org.lodestone.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the annual engine needs, resolved to dense indices: the time axis, regions, deposit
 * types with their element splits, producers, sectors and market parameters. Built once from a
 * scenario; immutable and safe to share between threads.
 *
 * <p>Index conventions: regions by position in {@link #regionCodes()}, deposits by position in
 * {@link #depositCodes()}, elements by {@link Element#ordinal()}, years by
 * {@code t = year - axis().firstYear()}.
 */
public final class SupplyChain {
  /** Code of the region whose shares are reported as {@code share_china}. */
  public static final String CHINA = "CN";

  private final TimeAxis axis;
  private final List<String> regionCodes;
  private final List<String> depositCodes;
  private final double[] depositSplit;
  private final List<Producer> producers;
  private final List<Sector> sectors;
  private final MarketParameters market;
  private final Trade trade;
  private final Dynamics dynamics;
  private final ElementMarket elementMarket;
  private final Governance governance;
  private final int china;

  /**
   * @param depositSplit mass share of each element in mined REO, by deposit, flattened
   *                     {@code [deposit * Element.COUNT + element]}, each in [0, 1), summing to at
   *                     most 1 per deposit
   */
  public SupplyChain(TimeAxis axis, List<String> regionCodes, List<String> depositCodes,
      double[] depositSplit, List<Producer> producers, List<Sector> sectors, MarketParameters market) {
    this(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, null);
  }

  /**
   * @param trade trade between regions for the regional markets, or {@code null} for one global
   *              market per product
   */
  public SupplyChain(TimeAxis axis, List<String> regionCodes, List<String> depositCodes,
      double[] depositSplit, List<Producer> producers, List<Sector> sectors, MarketParameters market,
      Trade trade) {
    this(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, trade, Dynamics.NONE);
  }

  /**
   * @param dynamics substitution and endogenous investment, solved year by year with the markets
   */
  public SupplyChain(TimeAxis axis, List<String> regionCodes, List<String> depositCodes,
      double[] depositSplit, List<Producer> producers, List<Sector> sectors, MarketParameters market,
      Trade trade, Dynamics dynamics) {
    this(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, trade, dynamics, null);
  }

  /**
   * @param elementMarket parameters of the element-price market model, or {@code null} for the model
   *                      the trade set-up implies (one merit-order market, or regional markets); with a
   *                      trade set-up as well, the element market clears by region
   */
  public SupplyChain(TimeAxis axis, List<String> regionCodes, List<String> depositCodes,
      double[] depositSplit, List<Producer> producers, List<Sector> sectors, MarketParameters market,
      Trade trade, Dynamics dynamics, ElementMarket elementMarket) {
    this(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, trade, dynamics, elementMarket,
        null);
  }

  /**
   * @param governance the supply-risk indicator's governance data ({@code supply_risk} in the results),
   *                   or {@code null} when the scenario gives none; the engine does not read it
   */
  public SupplyChain(TimeAxis axis, List<String> regionCodes, List<String> depositCodes,
      double[] depositSplit, List<Producer> producers, List<Sector> sectors, MarketParameters market,
      Trade trade, Dynamics dynamics, ElementMarket elementMarket, Governance governance) {
    if (governance != null && governance.wgiScaled().length != regionCodes.size()) {
      throw new IllegalArgumentException("governance needs one value per region");
    }
    this.governance = governance;
    this.trade = trade;
    this.elementMarket = elementMarket;
    this.dynamics = dynamics == null ? Dynamics.NONE : dynamics;
    if (trade != null && (trade.years() != axis.size() || trade.regions() != regionCodes.size())) {
      throw new IllegalArgumentException("trade arrays do not match the axis and regions");
    }
    this.axis = axis;
    this.regionCodes = List.copyOf(regionCodes);
    this.depositCodes = List.copyOf(depositCodes);
    this.depositSplit = depositSplit.clone();
    this.producers = List.copyOf(producers);
    this.sectors = List.copyOf(sectors);
    this.market = market;
    this.china = this.regionCodes.indexOf(CHINA);
    if (new HashSet<>(this.regionCodes).size() != this.regionCodes.size()) {
      throw new IllegalArgumentException("region codes must be unique");
    }
    if (this.depositSplit.length != this.depositCodes.size() * Element.COUNT) {
      throw new IllegalArgumentException("deposit split needs " + Element.COUNT + " shares per deposit");
    }
    for (int d = 0; d < this.depositCodes.size(); d++) {
      double sum = 0;
      for (int e = 0; e < Element.COUNT; e++) {
        double f = this.depositSplit[d * Element.COUNT + e];
        if (!(f >= 0 && f < 1)) {
          throw new IllegalArgumentException("deposit " + this.depositCodes.get(d) + ": shares must be in [0, 1)");
        }
        sum += f;
      }
      if (sum > 1) {
        throw new IllegalArgumentException("deposit " + this.depositCodes.get(d) + ": shares sum above 1");
      }
    }
    Set<String> ids = new HashSet<>();
    for (Producer p : this.producers) {
      if (!ids.add(p.id())) {
        throw new IllegalArgumentException("duplicate producer id " + p.id());
      }
      if (p.capacityT().length != axis.size()) {
        throw new IllegalArgumentException("producer " + p.id() + ": capacity path length != years");
      }
      if (p.region() < 0 || p.region() >= this.regionCodes.size()) {
        throw new IllegalArgumentException("producer " + p.id() + ": region index out of range");
      }
      if (p.stage() == Stage.MINING && p.deposit() >= this.depositCodes.size()) {
        throw new IllegalArgumentException("producer " + p.id() + ": deposit index out of range");
      }
    }
    ids.clear();
    for (Sector s : this.sectors) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("duplicate sector id " + s.id());
      }
      if (s.referenceDemandT().length != axis.size()) {
        throw new IllegalArgumentException("sector " + s.id() + ": demand path length != years");
      }
      if (s.regionShare().length != this.regionCodes.size()) {
        throw new IllegalArgumentException("sector " + s.id() + ": region shares != regions");
      }
    }
    EolRecycling eol = market.eolRecycling();
    if (eol != null) {
      if (eol.capacityT().length != axis.size()) {
        throw new IllegalArgumentException("end-of-life capacity path length != years");
      }
      for (Recycler plant : eol.recyclers()) {
        if (plant.region() < 0 || plant.region() >= this.regionCodes.size()
            || plant.capacityT().length != axis.size()) {
          throw new IllegalArgumentException("recycler " + plant.id() + ": region or capacity path does not fit the chain");
        }
      }
    }
    double[] magnetFree = new double[this.sectors.size()];
    for (Substitute sub : this.dynamics.substitutes()) {
      if (sub.sector() < 0 || sub.sector() >= this.sectors.size()) {
        throw new IllegalArgumentException("substitute " + sub.id() + ": sector index out of range");
      }
      if (sub.kind() == Substitute.Kind.MAGNET_FREE) {
        magnetFree[sub.sector()] += sub.maxShare();
        if (magnetFree[sub.sector()] > 1 + 1e-12) {
          throw new IllegalArgumentException("sector " + this.sectors.get(sub.sector()).id()
              + ": magnet-free substitutes' maximum shares sum above 1");
        }
      }
    }
    if (elementMarket != null) {
      for (ElementMarket.ProductionCap cap : elementMarket.caps()) {
        if (cap.capT().length != axis.size()) {
          throw new IllegalArgumentException("cap " + cap.id() + ": path length != years");
        }
        Stage stage = null;
        for (int k = 0; k < cap.size(); k++) {
          int p = cap.member(k);
          if (p < 0 || p >= this.producers.size()) {
            throw new IllegalArgumentException("cap " + cap.id() + ": producer index out of range");
          }
          if (stage != null && this.producers.get(p).stage() != stage) {
            throw new IllegalArgumentException("cap " + cap.id() + ": producers of several stages");
          }
          stage = this.producers.get(p).stage();
        }
      }
      boolean[] capped = new boolean[this.producers.size()];
      for (ElementMarket.ProductionCap cap : elementMarket.caps()) {
        for (int k = 0; k < cap.size(); k++) {
          if (capped[cap.member(k)]) {
            throw new IllegalArgumentException("producer " + this.producers.get(cap.member(k)).id()
                + " is under two caps");
          }
          capped[cap.member(k)] = true;
        }
      }
    }
    for (Investment inv : this.dynamics.investments()) {
      if (inv.producer() < 0 || inv.producer() >= this.producers.size()) {
        throw new IllegalArgumentException("investment " + inv.id() + ": producer index out of range");
      }
      Producer p = this.producers.get(inv.producer());
      if (p.stage() != inv.stage() || p.region() != inv.region()) {
        throw new IllegalArgumentException("investment " + inv.id() + ": its producer is of another stage or region");
      }
    }
  }

  public TimeAxis axis() {
    return axis;
  }

  public List<String> regionCodes() {
    return regionCodes;
  }

  public List<String> depositCodes() {
    return depositCodes;
  }

  /** Mass share of element {@code e} in REO mined from deposit {@code d}. */
  public double depositSplit(int d, int e) {
    return depositSplit[d * Element.COUNT + e];
  }

  public List<Producer> producers() {
    return producers;
  }

  public List<Sector> sectors() {
    return sectors;
  }

  public MarketParameters market() {
    return market;
  }

  /** Trade between regions, or {@code null} when the chain clears one global market per product. */
  public Trade trade() {
    return trade;
  }

  /** Whether this chain clears regional markets linked by trade. */
  public boolean isRegional() {
    return trade != null;
  }

  /** The same chain with another trade set-up ({@code null}: one global market). */
  public SupplyChain withTrade(Trade newTrade) {
    return new SupplyChain(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, newTrade,
        dynamics, newTrade == null ? elementMarket : null, governance);
  }

  /** Substitution and endogenous investment ({@link Dynamics#NONE} when there are none). */
  public Dynamics dynamics() {
    return dynamics;
  }

  /** The same chain with other dynamics. */
  public SupplyChain withDynamics(Dynamics newDynamics) {
    return new SupplyChain(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, trade,
        newDynamics, elementMarket, governance);
  }

  /** Parameters of the element-price market model, or {@code null} when the chain uses another model. */
  public ElementMarket elementMarket() {
    return elementMarket;
  }

  /** The same chain on the element-price market model with these parameters ({@code null}: back to the default). */
  public SupplyChain withElementMarket(ElementMarket newElementMarket) {
    return new SupplyChain(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, trade,
        dynamics, newElementMarket, governance);
  }

  /** The same chain with other producers (same market model). */
  public SupplyChain withProducers(List<Producer> newProducers) {
    return new SupplyChain(axis, regionCodes, depositCodes, depositSplit, newProducers, sectors, market, trade,
        dynamics, elementMarket, governance);
  }

  /** The supply-risk indicator's governance data, or {@code null} when the scenario gives none. */
  public Governance governance() {
    return governance;
  }

  /** The same chain with other governance data ({@code null}: none, no {@code supply_risk} rows). */
  public SupplyChain withGovernance(Governance newGovernance) {
    return new SupplyChain(axis, regionCodes, depositCodes, depositSplit, producers, sectors, market, trade,
        dynamics, elementMarket, newGovernance);
  }

  /** Index of China in {@link #regionCodes()}, or -1 if the chain has no region {@code CN}. */
  public int chinaRegion() {
    return china;
  }

  /** Indices into {@link #producers()} of the producers of one stage, in list order. */
  public int[] producersOf(Stage stage) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < producers.size(); i++) {
      if (producers.get(i).stage() == stage) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
