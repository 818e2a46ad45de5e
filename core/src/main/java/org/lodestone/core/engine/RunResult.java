package org.lodestone.core.engine;

import org.lodestone.core.model.Element;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;

/**
 * The raw outcome of one run, on primitive arrays with time slowest ({@code [t * n + i]}). Filled by
 * {@link AnnualEngine}; read-only afterwards and safe to share. Units: tonnes per year (t REO for
 * mining and separation, t oxide for element flows, t metal, t magnet), prices in USD/kg.
 */
public final class RunResult {
  final SupplyChain chain;
  final int years;
  final int producers;
  final int sectors;
  /** Capacity and output by producer, {@code [t * producers + p]}. */
  final double[] capacity;
  final double[] production;
  /** Sector demand at the reference price, at the market price, served and unserved, {@code [t * sectors + s]}. */
  final double[] demandReference;
  final double[] demand;
  final double[] served;
  final double[] unserved;
  /** Prices by year. Oxide and metal by element {@code [t * 3 + e]}. */
  final double[] magnetPrice;
  /**
   * Global market: the marginal separation cost by year, USD/kg REO (what separation adds to a kg of
   * REO at the margin; the rest of the oxides' value is the mines'). Regional runs use the REO price
   * by region instead ({@link #regionalPrice} of concentrate).
   */
  final double[] separationMargin;
  /** Material coefficients by year and element, {@code [t * 3 + e]}: metal and recycled oxide per kg of magnet. */
  final double[] metalPerMagnet;
  final double[] recycledPerMagnet;
  final double[] oxidePrice;
  final double[] oxidePriceUseWeighted;
  final double[] metalPrice;
  /** Element oxide separated, used by magnet making, and in surplus, {@code [t * 3 + e]}, t oxide. */
  final double[] elementSeparated;
  final double[] elementUsed;
  final double[] elementSurplus;
  /**
   * Element oxide separated in each region, {@code [(t * 3 + e) * regions + g]}, t oxide: each separation
   * plant separates the average concentrate of its market's feed (see {@link #elementSeparatedIn}). Filled
   * only by the element-price market ({@link #elementSeparatedByRegion}).
   */
  final double[] elementSeparatedIn;
  boolean elementSeparatedByRegion;
  /** Oxide recovered from machining scrap (pre-consumer loop), {@code [t * 3 + e]}, t oxide. */
  final double[] elementRecycled;
  /** Oxide recovered from end-of-life magnets, {@code [t * 3 + e]}, t; magnets collected and processed, t. */
  final double[] elementEolRecycled;
  final double[] eolCollected;
  final double[] eolProcessed;
  /** Magnets processed by each recycling plant, {@code [t * plants + k]}, t. */
  final double[] recyclerProcessed;
  /**
   * Magnets in use and leaving use, by sector, {@code [t * sectors + s]}, t magnet: the served
   * demand run through the sector's lifetime model (inflow-driven dynamic stock model, ODYM's
   * {@code end} convention). Zero for sectors without a lifetime.
   */
  final double[] stockInUse;
  final double[] eolOutflow;
  /**
   * Element content of the magnets in use and leaving use, {@code [(t * sectors + s) * 3 + e]}, t
   * metal: each year's inflow at that year's grade run through the same stock model, so a changing
   * grade (heavy-free substitutes) is followed cohort by cohort.
   */
  final double[] stockElement;
  final double[] eolElement;
  /**
   * Grade of the magnets delivered to each sector by year, {@code [(t * sectors + s) * 3 + e]}: the
   * design grade after heavy-free substitution, scaled by element so that the served magnets hold the
   * rare earths the magnet makers used (see {@code DynamicState.deliveredGrades}).
   */
  final double[] sectorGrade;
  /** Adopted share of each substitute ({@code chain.dynamics().substitutes()}), {@code [t * K + k]}. */
  final double[] substituteShare;
  /** Capacity started by each investment rule, {@code [t * I + i]}, in the stage's unit per year. */
  final double[] investmentStarted;
  /**
   * Regional markets only (else {@code null}): price of each traded product in each region,
   * {@code [(t * P + product) * R + region]}, USD/kg (NaN where the region has no market for it),
   * and trade flows {@code [((t * P + product) * R + from) * R + to]}, t.
   */
  final double[] regionalPrice;
  final double[] tradeFlow;
  /** Regional only: stockpile releases minus purchases, {@code [(t * P + product) * R + region]}, t. */
  final double[] stockpileFlow;
  /**
   * Regional only: commercial inventories' level at the end of each year and their sales minus
   * purchases, {@code [t * K + k]} with k indexing {@code chain.trade().inventories()}, t.
   */
  final double[] inventoryLevel;
  final double[] inventoryFlow;
  /**
   * Element-price market only (zero otherwise): oxide held in competitive storage at the end of each
   * year and its sales minus purchases, {@code [t * 3 + e]}, t; the premium of magnets made outside
   * China for the buyers held to them, USD/kg, by year.
   */
  final double[] storageLevel;
  final double[] storageFlow;
  /** Oxide bought by the uses outside magnets (element-price market), {@code [t * E + e]}, t. */
  final double[] oxideUse;
  final double[] magnetPremium;
  /**
   * Regional only: each sector's magnet demand at the market price and its unserved part in each
   * region's market, {@code [(t * sectors + s) * R + region]}, t (the world sums are {@link #demand}
   * and {@link #unserved}).
   */
  final double[] regionDemand;
  final double[] regionUnserved;
  private final int regionCount;
  /** Stage whose capacity bounded magnet supply, or null where none did, by year. */
  final Stage[] binding;
  /** Element whose mining bounded supply (when {@link #binding} is mining), or null. */
  final Element[] bindingElement;

  RunResult(SupplyChain chain) {
    this.chain = chain;
    this.years = chain.axis().size();
    this.producers = chain.producers().size();
    this.sectors = chain.sectors().size();
    capacity = new double[years * producers];
    production = new double[years * producers];
    demandReference = new double[years * sectors];
    demand = new double[years * sectors];
    served = new double[years * sectors];
    unserved = new double[years * sectors];
    magnetPrice = new double[years];
    separationMargin = new double[years];
    metalPerMagnet = new double[years * Element.COUNT];
    recycledPerMagnet = new double[years * Element.COUNT];
    oxidePrice = new double[years * Element.COUNT];
    oxidePriceUseWeighted = new double[years * Element.COUNT];
    metalPrice = new double[years * Element.COUNT];
    elementSeparated = new double[years * Element.COUNT];
    elementUsed = new double[years * Element.COUNT];
    elementSeparatedIn = new double[years * Element.COUNT * chain.regionCodes().size()];
    elementSurplus = new double[years * Element.COUNT];
    elementRecycled = new double[years * Element.COUNT];
    elementEolRecycled = new double[years * Element.COUNT];
    eolCollected = new double[years];
    eolProcessed = new double[years];
    recyclerProcessed = new double[years * (chain.market().eolRecycling() == null ? 0
        : chain.market().eolRecycling().recyclers().size())];
    regionCount = chain.regionCodes().size();
    int traded = org.lodestone.core.model.TradedProduct.COUNT;
    regionalPrice = chain.isRegional() ? new double[years * traded * regionCount] : null;
    if (regionalPrice != null) {
      java.util.Arrays.fill(regionalPrice, Double.NaN);
    }
    tradeFlow = chain.isRegional() ? new double[years * traded * regionCount * regionCount] : null;
    stockpileFlow = chain.isRegional() ? new double[years * traded * regionCount] : null;
    regionDemand = chain.isRegional() ? new double[years * sectors * regionCount] : null;
    regionUnserved = chain.isRegional() ? new double[years * sectors * regionCount] : null;
    int inventories = chain.isRegional() ? chain.trade().inventories().size() : 0;
    inventoryLevel = new double[years * inventories];
    inventoryFlow = new double[years * inventories];
    stockInUse = new double[years * sectors];
    eolOutflow = new double[years * sectors];
    stockElement = new double[years * sectors * Element.COUNT];
    eolElement = new double[years * sectors * Element.COUNT];
    sectorGrade = new double[years * sectors * Element.COUNT];
    substituteShare = new double[years * chain.dynamics().substitutes().size()];
    investmentStarted = new double[years * chain.dynamics().investments().size()];
    binding = new Stage[years];
    bindingElement = new Element[years];
    storageLevel = new double[years * Element.COUNT];
    storageFlow = new double[years * Element.COUNT];
    oxideUse = new double[years * Element.COUNT];
    magnetPremium = new double[years];
  }

  /** Oxide of element e in competitive storage at the end of year index t, t (element-price market). */
  public double storageLevel(int t, int e) {
    return storageLevel[t * Element.COUNT + e];
  }

  /** Sales minus purchases of element e's storage in year index t, t (element-price market). */
  public double storageFlow(int t, int e) {
    return storageFlow[t * Element.COUNT + e];
  }

  /**
   * Oxide of element e bought in year index t by its uses outside magnets (phosphors, alloys:
   * {@code ElementMarket.OxideUse}), t; 0 without such uses.
   */
  public double oxideUse(int t, int e) {
    return oxideUse[t * Element.COUNT + e];
  }

  /**
   * Premium over the magnet price paid by the buyers held to makers outside China in year index t,
   * USD/kg (element-price market with sticky trade; 0 otherwise).
   */
  public double magnetPremium(int t) {
    return magnetPremium[t];
  }

  public SupplyChain chain() {
    return chain;
  }

  /** Capacity of producer {@code p} in year index {@code t}. */
  public double capacity(int t, int p) {
    return capacity[t * producers + p];
  }

  /** Output of producer {@code p} in year index {@code t}. */
  public double production(int t, int p) {
    return production[t * producers + p];
  }

  /** Sector magnet demand at the reference magnet price, t. */
  public double demandReference(int t, int s) {
    return demandReference[t * sectors + s];
  }

  /** Sector magnet demand at the market price, t ({@code served + unserved}). */
  public double demand(int t, int s) {
    return demand[t * sectors + s];
  }

  /** Sector magnet demand served, t. */
  public double served(int t, int s) {
    return served[t * sectors + s];
  }

  /** Sector magnet demand not served even at the choke price, t. */
  public double unserved(int t, int s) {
    return unserved[t * sectors + s];
  }

  /**
   * Sector s's magnet demand in region q's market, t: the region's own market on regional markets;
   * one global market: the sector's demand × its region share.
   */
  public double demandIn(int t, int s, int q) {
    if (!isRegional()) {
      return demand(t, s) * chain.sectors().get(s).regionShare(q);
    }
    return regionDemand[(t * sectors + s) * regionCount + q];
  }

  /** The part of {@link #demandIn} served, t (demand less what is unserved even at the choke price). */
  public double servedIn(int t, int s, int q) {
    if (!isRegional()) {
      return served(t, s) * chain.sectors().get(s).regionShare(q);
    }
    int i = (t * sectors + s) * regionCount + q;
    return regionDemand[i] - regionUnserved[i];
  }

  /**
   * Share of sector s's magnet demand left unserved in region q's market in year index t, in [0, 1].
   * Regional markets: the region's own market (where the sector has no demand there, the region's
   * share over all sectors; 0 where the region has no demand at all). One global market: the
   * sector's world share, the same in every region.
   */
  public double unservedShare(int t, int s, int q) {
    if (!isRegional()) {
      double d = demand(t, s);
      return d > 0 ? unserved(t, s) / d : 0;
    }
    int i = (t * sectors + s) * regionCount + q;
    if (regionDemand[i] > 0) {
      return regionUnserved[i] / regionDemand[i];
    }
    double d = 0;
    double u = 0;
    for (int k = 0; k < sectors; k++) {
      d += regionDemand[(t * sectors + k) * regionCount + q];
      u += regionUnserved[(t * sectors + k) * regionCount + q];
    }
    return d > 0 ? u / d : 0;
  }

  /**
   * Magnet price in region q's market, USD/kg: the regional price on regional markets (the world
   * average where the region has no magnet market), the world price on one global market.
   */
  public double magnetPrice(int t, int q) {
    if (isRegional()) {
      double p = regionalPrice(t, org.lodestone.core.model.TradedProduct.MAGNET.ordinal(), q);
      if (!Double.isNaN(p)) {
        return p;
      }
    }
    return magnetPrice(t);
  }

  /** Whether the run cleared regional markets (then regional prices and trade are available). */
  public boolean isRegional() {
    return regionalPrice != null;
  }

  /** Price of a traded product in a region, USD/kg; NaN where the region has no market for it. */
  public double regionalPrice(int t, int product, int region) {
    return regionalPrice[(t * org.lodestone.core.model.TradedProduct.COUNT + product) * regionCount + region];
  }

  void regionalPrice(int t, int product, int region, double price) {
    regionalPrice[(t * org.lodestone.core.model.TradedProduct.COUNT + product) * regionCount + region] = price;
  }

  /** Stockpile releases minus purchases of a product in a region, t (regional markets). */
  public double stockpileFlow(int t, int product, int region) {
    return stockpileFlow[(t * org.lodestone.core.model.TradedProduct.COUNT + product) * regionCount + region];
  }

  void stockpileFlow(int t, int product, int region, double tonnes) {
    stockpileFlow[(t * org.lodestone.core.model.TradedProduct.COUNT + product) * regionCount + region] = tonnes;
  }

  /** Level of commercial inventory k ({@code chain().trade().inventories()}) at the end of year index t, t. */
  public double inventoryLevel(int t, int k) {
    return inventoryLevel[t * chain.trade().inventories().size() + k];
  }

  /** Sales minus purchases of commercial inventory k in year index t, t. */
  public double inventoryFlow(int t, int k) {
    return inventoryFlow[t * chain.trade().inventories().size() + k];
  }

  /**
   * Sales minus purchases of the commercial inventories of a product in a region in year index t, t
   * (0 on one global market or without inventories).
   */
  public double inventoryFlow(int t, int product, int region) {
    if (!chain.isRegional()) {
      return 0;
    }
    java.util.List<org.lodestone.core.model.Inventory> inv = chain.trade().inventories();
    double net = 0;
    for (int k = 0; k < inv.size(); k++) {
      if (inv.get(k).product() == product && inv.get(k).region() == region) {
        net += inventoryFlow[t * inv.size() + k];
      }
    }
    return net;
  }

  /** Trade flow of a product from one region to another, t. */
  public double trade(int t, int product, int from, int to) {
    return tradeFlow[((t * org.lodestone.core.model.TradedProduct.COUNT + product) * regionCount + from)
        * regionCount + to];
  }

  void trade(int t, int product, int from, int to, double tonnes) {
    tradeFlow[((t * org.lodestone.core.model.TradedProduct.COUNT + product) * regionCount + from)
        * regionCount + to] = tonnes;
  }

  /** Magnets in use at the end of year index {@code t} in sector {@code s}, t (0 without a lifetime). */
  public double stockInUse(int t, int s) {
    return stockInUse[t * sectors + s];
  }

  /** Magnets leaving use (end of life) in year index {@code t} in sector {@code s}, t. */
  public double eolOutflow(int t, int s) {
    return eolOutflow[t * sectors + s];
  }

  /** Marginal separation cost in year index t (global market), USD/kg REO. */
  public double separationMargin(int t) {
    return separationMargin[t];
  }

  /** kg of element e's metal in the alloy per kg of finished magnet, year index t. */
  public double metalPerMagnet(int t, int e) {
    return metalPerMagnet[t * Element.COUNT + e];
  }

  /** kg of element e's oxide recovered from machining scrap per kg of finished magnet, year index t. */
  public double recycledPerMagnet(int t, int e) {
    return recycledPerMagnet[t * Element.COUNT + e];
  }

  /** Finished magnet price, USD/kg. */
  public double magnetPrice(int t) {
    return magnetPrice[t];
  }

  /** Oxide price of element {@code e}, USD/kg oxide. */
  public double oxidePrice(int t, int e) {
    return oxidePrice[t * Element.COUNT + e];
  }

  /**
   * Oxide price of element {@code e} that the year's magnet makers paid, weighted by the oxide their
   * output holds, USD/kg oxide: on markets by region, Σ_q u_q p_q / Σ_q u_q with u_q the magnets made in
   * region q × the element's content per kg of magnet at q's grade choice and p_q q's oxide price (the
   * basis of a volume-weighted price over the year's consumption, e.g. Adamas's for Dy 2025); on one
   * market the market price. 0 where no magnets are made. Not the world price {@link #oxidePrice}, which
   * is weighted by separation (what separators receive).
   */
  public double oxidePriceUseWeighted(int t, int e) {
    return oxidePriceUseWeighted[t * Element.COUNT + e];
  }

  /** Metal price of element {@code e}, USD/kg metal. */
  public double metalPrice(int t, int e) {
    return metalPrice[t * Element.COUNT + e];
  }

  /**
   * Oxide of element {@code e} separated in region index {@code g} (of {@code chain.regionCodes()}), t:
   * each plant's share of its market region's separation output times the element in that region's feed
   * (the concentrate of its own unrouted mines and what the routes bring). On one market the feed is the
   * world's, pooled. Zero unless {@link #elementSeparatedByRegion}.
   */
  public double elementSeparatedIn(int t, int e, int g) {
    return elementSeparatedIn[(t * Element.COUNT + e) * regionCount + g];
  }

  /** Whether the run splits the element oxide separated by region ({@link #elementSeparatedIn}). */
  public boolean elementSeparatedByRegion() {
    return elementSeparatedByRegion;
  }

  /** Oxide of element {@code e} separated, t. */
  public double elementSeparated(int t, int e) {
    return elementSeparated[t * Element.COUNT + e];
  }

  /** Separated oxide of element {@code e} used for magnets (via metal), t; recycled oxide comes on top. */
  public double elementUsed(int t, int e) {
    return elementUsed[t * Element.COUNT + e];
  }

  /** Oxide of element {@code e} recovered from machining scrap and used again, t. */
  public double elementRecycled(int t, int e) {
    return elementRecycled[t * Element.COUNT + e];
  }

  /** Oxide of element {@code e} recovered from end-of-life magnets, t. */
  public double elementEolRecycled(int t, int e) {
    return elementEolRecycled[t * Element.COUNT + e];
  }

  /** End-of-life magnets collected in year index t (left use the year before), t. */
  public double eolCollected(int t) {
    return eolCollected[t];
  }

  /** Collected end-of-life magnets processed (within recycling capacity), t. */
  public double eolProcessed(int t) {
    return eolProcessed[t];
  }

  /** Oxide of element {@code e} separated but not bought by magnet makers, t. */
  public double elementSurplus(int t, int e) {
    return elementSurplus[t * Element.COUNT + e];
  }

  /** The stage whose capacity bounded magnet supply in year index {@code t}, or {@code null}. */
  public Stage binding(int t) {
    return binding[t];
  }

  /** The element whose mine supply bounded magnets in year index {@code t}, or {@code null}. */
  public Element bindingElement(int t) {
    return bindingElement[t];
  }

  /** Total capacity of a stage in year index {@code t}. */
  public double stageCapacity(int t, Stage stage) {
    double s = 0;
    for (int p = 0; p < producers; p++) {
      if (chain.producers().get(p).stage() == stage) {
        s += capacity[t * producers + p];
      }
    }
    return s;
  }

  /** Total output of a stage in year index {@code t}. */
  public double stageProduction(int t, Stage stage) {
    double s = 0;
    for (int p = 0; p < producers; p++) {
      if (chain.producers().get(p).stage() == stage) {
        s += production[t * producers + p];
      }
    }
    return s;
  }

  /** Element {@code e} in sector s's magnets in use at the end of year index t, t metal. */
  public double stockElement(int t, int s, int e) {
    return stockElement[(t * sectors + s) * Element.COUNT + e];
  }

  /** Element {@code e} in sector s's magnets leaving use in year index t, t metal. */
  public double eolElement(int t, int s, int e) {
    return eolElement[(t * sectors + s) * Element.COUNT + e];
  }

  /** Mass share of element e in sector s's magnets in year index t (after heavy-free substitution). */
  public double sectorGrade(int t, int s, int e) {
    return sectorGrade[(t * sectors + s) * Element.COUNT + e];
  }

  /** Adopted share of substitute k in year index t. */
  public double substituteShare(int t, int k) {
    return substituteShare[t * chain.dynamics().substitutes().size() + k];
  }

  /** Capacity started by investment rule i in year index t. */
  public double investmentStarted(int t, int i) {
    return investmentStarted[t * chain.dynamics().investments().size() + i];
  }

  /** Magnets processed by recycling plant k ({@code eolRecycling().recyclers()}) in year index t, t. */
  public double recyclerProcessed(int t, int k) {
    return recyclerProcessed[t * chain.market().eolRecycling().recyclers().size() + k];
  }
}
