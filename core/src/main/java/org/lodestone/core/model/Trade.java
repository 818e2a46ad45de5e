package org.lodestone.core.model;

import java.util.Arrays;

/**
 * Trade between regions for the regional markets: a unit cost per traded product (transport and
 * handling), tariffs by year, product and route, export caps by year, product and exporting region (in
 * tonnes, or as a fraction of the previous year's exports), and strategic stockpile releases and
 * purchases by year, product and region, commercial {@link Inventory inventories}, and the
 * {@link FeedRoutes routes} along which mines' concentrate may go to separation. Immutable.
 *
 * <p>Layout: {@code tariff[((t * P + p) * R + from) * R + to]}, {@code cap*[(t * P + p) * R + from]},
 * with P = {@link TradedProduct#COUNT} and R regions. A cap of {@code NaN} means none.
 */
public final class Trade {
  private final int years;
  private final int regions;
  private final double[] unitCost;
  private final double[] tariff;
  private final double[] capTonnes;
  private final double[] capShare;
  /** Strategic stockpile releases (t, {@code [(t * P + p) * R + region]}) and purchases. */
  private final double[] release;
  private final double[] purchase;
  /** Commercial inventories, in the order given; at most one per product and region. */
  private final java.util.List<Inventory> inventories;
  /**
   * Element market by region only: share of each region's magnet demand outside China that arrives in
   * finished products assembled in China, so that its magnets are bought in China's market (customs
   * count only magnets that cross as magnets), in [0, 1].
   */
  private final double assembledInChinaShare;
  /** Which separating regions may take which mines' concentrate (regional markets only). */
  private final FeedRoutes routes;

  /**
   * @param unitCost  cost of moving a kg of each product between two regions, USD/kg, by
   *                  {@link TradedProduct} ordinal, {@code >= 0}
   * @param tariff    USD/kg by year, product and route (see class Javadoc)
   * @param capTonnes export cap in t by year, product and exporter, NaN for none
   * @param capShare  export cap as a share of the previous year's exports, NaN for none
   */
  public Trade(int years, int regions, double[] unitCost, double[] tariff, double[] capTonnes,
      double[] capShare) {
    int p = TradedProduct.COUNT;
    if (unitCost.length != p || tariff.length != years * p * regions * regions
        || capTonnes.length != years * p * regions || capShare.length != years * p * regions) {
      throw new IllegalArgumentException("trade arrays have the wrong size");
    }
    for (double c : unitCost) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("trade costs must be finite and >= 0");
      }
    }
    this.years = years;
    this.regions = regions;
    this.unitCost = unitCost.clone();
    this.tariff = tariff.clone();
    this.capTonnes = capTonnes.clone();
    this.capShare = capShare.clone();
    this.release = new double[capShare.length];
    this.purchase = new double[capShare.length];
    this.inventories = java.util.List.of();
    this.assembledInChinaShare = 0;
    this.routes = FeedRoutes.OPEN;
  }

  private Trade(Trade base, double[] release, double[] purchase, java.util.List<Inventory> inventories) {
    this(base, release, purchase, inventories, base.assembledInChinaShare, base.routes);
  }

  private Trade(Trade base, double[] release, double[] purchase, java.util.List<Inventory> inventories,
      double assembledInChinaShare, FeedRoutes routes) {
    if (routes == null) {
      throw new IllegalArgumentException("routes must not be null (FeedRoutes.OPEN for none)");
    }
    for (FeedRoutes.Rule rule : routes.rules()) {
      if (rule.regions().length != base.regions || rule.activeT().length != base.years) {
        throw new IllegalArgumentException("route rule " + rule.id() + " is not sized to " + base.regions
            + " regions and " + base.years + " years");
      }
    }
    this.routes = routes;
    if (!(assembledInChinaShare >= 0 && assembledInChinaShare <= 1)) {
      throw new IllegalArgumentException("share assembled in China must be in [0, 1]: " + assembledInChinaShare);
    }
    this.assembledInChinaShare = assembledInChinaShare;
    this.years = base.years;
    this.regions = base.regions;
    this.unitCost = base.unitCost;
    this.tariff = base.tariff;
    this.capTonnes = base.capTonnes;
    this.capShare = base.capShare;
    this.release = release.clone();
    this.purchase = purchase.clone();
    this.inventories = java.util.List.copyOf(inventories);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (Inventory inv : this.inventories) {
      if (inv.region() >= regions) {
        throw new IllegalArgumentException("inventory region index out of range: " + inv.region());
      }
      if (!seen.add(inv.product() * regions + inv.region())) {
        throw new IllegalArgumentException("two inventories of product " + inv.product() + " in region " + inv.region());
      }
    }
  }

  /** Share of demand outside China bought in China's magnet market in finished products (element market by region). */
  public double assembledInChinaShare() {
    return assembledInChinaShare;
  }

  /** The same trade set-up with this share of demand outside China assembled in China. */
  public Trade withAssembledInChinaShare(double share) {
    return new Trade(this, release, purchase, inventories, share, routes);
  }

  /** Which separating regions may take which mines' concentrate ({@link FeedRoutes#OPEN}: all). */
  public FeedRoutes routes() {
    return routes;
  }

  /** The same trade set-up with these concentrate routes. */
  public Trade withRoutes(FeedRoutes newRoutes) {
    return new Trade(this, release, purchase, inventories, assembledInChinaShare, newRoutes);
  }

  /** Whether any strategic stockpile buys or releases in any year. */
  public boolean hasStockpiles() {
    for (int i = 0; i < release.length; i++) {
      if (release[i] != 0 || purchase[i] != 0) {
        return true;
      }
    }
    return false;
  }

  /** Commercial inventories (empty when there are none). */
  public java.util.List<Inventory> inventories() {
    return inventories;
  }

  /** The same trade set-up with these commercial inventories instead of the current ones. */
  public Trade withInventories(java.util.List<Inventory> newInventories) {
    return new Trade(this, release, purchase, newInventories);
  }

  /** Tonnes of product {@code p} a strategic stockpile releases into region {@code q}'s market in year index t. */
  public double stockpileRelease(int t, int p, int q) {
    return release[(t * TradedProduct.COUNT + p) * regions + q];
  }

  /**
   * Tonnes of product {@code p} a strategic stockpile in region {@code q} buys in year index t, at any
   * price up to the product's choke price.
   */
  public double stockpilePurchase(int t, int p, int q) {
    return purchase[(t * TradedProduct.COUNT + p) * regions + q];
  }

  /** Free trade at the given unit costs: no tariffs, no caps. */
  public static Trade free(int years, int regions, double[] unitCost) {
    int p = TradedProduct.COUNT;
    double[] caps = new double[years * p * regions];
    Arrays.fill(caps, Double.NaN);
    return new Trade(years, regions, unitCost, new double[years * p * regions * regions], caps, caps.clone());
  }

  /** Unit cost of moving product {@code p} from one region to another (0 within a region), USD/kg. */
  public double cost(int t, int p, int from, int to) {
    if (from == to) {
      return 0;
    }
    return unitCost[p] + tariff[((t * TradedProduct.COUNT + p) * regions + from) * regions + to];
  }

  /** Export cap in tonnes, or NaN. */
  public double capTonnes(int t, int p, int from) {
    return capTonnes[(t * TradedProduct.COUNT + p) * regions + from];
  }

  /** Export cap as a share of last year's exports, or NaN. */
  public double capShare(int t, int p, int from) {
    return capShare[(t * TradedProduct.COUNT + p) * regions + from];
  }

  public int years() {
    return years;
  }

  public int regions() {
    return regions;
  }

  /** A mutable copy of the arrays, for building variants (events). */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Edits tariffs and caps, then {@link #build()}. */
  public static final class Builder {
    private final int years;
    private final int regions;
    private final double[] unitCost;
    private final double[] tariff;
    private final double[] capTonnes;
    private final double[] capShare;
    private final double[] release;
    private final double[] purchase;
    private final java.util.List<Inventory> inventories;
    private final double assembled;
    private final FeedRoutes routes;

    private Builder(Trade t) {
      assembled = t.assembledInChinaShare;
      routes = t.routes;
      years = t.years;
      regions = t.regions;
      unitCost = t.unitCost.clone();
      tariff = t.tariff.clone();
      capTonnes = t.capTonnes.clone();
      capShare = t.capShare.clone();
      release = t.release.clone();
      purchase = t.purchase.clone();
      inventories = t.inventories;
    }

    /** Adds a stockpile release of product p into region q in year index t, t. */
    public Builder release(int t, int p, int q, double tonnes) {
      release[(t * TradedProduct.COUNT + p) * regions + q] += tonnes;
      return this;
    }

    /** Adds a stockpile purchase of product p in region q in year index t, t. */
    public Builder purchase(int t, int p, int q, double tonnes) {
      purchase[(t * TradedProduct.COUNT + p) * regions + q] += tonnes;
      return this;
    }

    /** Adds a tariff on product {@code p} into region {@code to} from every other region (or one). */
    public Builder addTariff(int t, int p, int from, int to, double usdPerKg) {
      for (int a = 0; a < regions; a++) {
        if ((from < 0 || a == from) && a != to) {
          tariff[((t * TradedProduct.COUNT + p) * regions + a) * regions + to] += usdPerKg;
        }
      }
      return this;
    }

    /** Caps exports of product {@code p} from region {@code from} in year index {@code t}, t. */
    public Builder capTonnes(int t, int p, int from, double tonnes) {
      capTonnes[(t * TradedProduct.COUNT + p) * regions + from] = tonnes;
      return this;
    }

    /** Caps exports as a share of the previous year's exports. */
    public Builder capShare(int t, int p, int from, double share) {
      capShare[(t * TradedProduct.COUNT + p) * regions + from] = share;
      return this;
    }

    public Trade build() {
      return new Trade(new Trade(years, regions, unitCost, tariff, capTonnes, capShare), release, purchase,
          inventories, assembled, routes);
    }
  }
}
