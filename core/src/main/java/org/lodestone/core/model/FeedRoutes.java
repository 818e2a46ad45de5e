package org.lodestone.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * Which separating regions may take which mines' concentrate, year by year, on the regional markets:
 * offtake contracts (a mine's concentrate goes only to the listed regions), plant feed lists (a region's
 * separators take only the listed origins' concentrate) and closed routes. A route from mine m to
 * separating region q is open in year t unless a rule active in t closes it. Immutable.
 *
 * <p>A rule's origins are mines named by producer id (an id also matches that mine's off-quota tranche,
 * {@code <id>}{@link ElementMarket#OFF_QUOTA_SUFFIX}) and regions (every mine located there). Region
 * arrays are indexed by the chain's region index; {@code activeT} by {@code t = year - firstYear}.
 */
public final class FeedRoutes {
  /** What a rule says about the routes between its origins and its regions. */
  public enum Kind {
    /** The origins' concentrate goes only to the rule's regions (an offtake contract). */
    OFFTAKE,
    /** The rule's regions separate only the origins' concentrate (a plant feed list). */
    FEED,
    /** No concentrate from the origins to the rule's regions. */
    CLOSED,
    /**
     * A share of the listed elements in the origins' concentrate is separated in the rule's one region,
     * wherever the rest is separated: a mixed intermediate (e.g. a heavy rare-earth compound) sold there.
     * Closes no route.
     */
    ELEMENTS
  }

  /**
   * One rule.
   *
   * @param id            the rule's name (for messages)
   * @param kind          offtake, feed list or closure
   * @param mineIds       origins named by producer id
   * @param originRegions origins by region, {@code [region]}
   * @param regions       the separating regions the rule names, {@code [region]}
   * @param activeT       whether the rule acts in year index t, {@code [t]}
   * @param elements      {@link Kind#ELEMENTS}: the elements it sends, {@code [element ordinal]}; empty
   *                      for the other kinds
   * @param share         {@link Kind#ELEMENTS}: the share of those elements' content sent, in (0, 1]; 1
   *                      for the other kinds
   */
  public record Rule(String id, Kind kind, List<String> mineIds, boolean[] originRegions, boolean[] regions,
      boolean[] activeT, boolean[] elements, double share) {
    public Rule {
      mineIds = List.copyOf(mineIds);
      originRegions = originRegions.clone();
      regions = regions.clone();
      activeT = activeT.clone();
      elements = elements.clone();
      if (originRegions.length != regions.length) {
        throw new IllegalArgumentException("route rule " + id + ": region arrays differ in length");
      }
      if (kind == Kind.ELEMENTS) {
        int n = 0;
        for (boolean b : regions) {
          n += b ? 1 : 0;
        }
        if (n != 1 || elements.length != Element.COUNT || !(share > 0 && share <= 1)) {
          throw new IllegalArgumentException("route rule " + id + ": an elements rule names one region,"
              + " the elements and a share in (0, 1]");
        }
      }
    }

    /** A concentrate rule (offtake, feed list or closure). */
    public Rule(String id, Kind kind, List<String> mineIds, boolean[] originRegions, boolean[] regions,
        boolean[] activeT) {
      this(id, kind, mineIds, originRegions, regions, activeT, new boolean[0], 1);
    }

    /** The one region an {@link Kind#ELEMENTS} rule sends its elements to. */
    public int region() {
      for (int q = 0; q < regions.length; q++) {
        if (regions[q]) {
          return q;
        }
      }
      return -1;
    }

    /** Whether the mine (producer id, region index) is one of the rule's origins. */
    public boolean covers(String mineId, int mineRegion) {
      if (originRegions[mineRegion]) {
        return true;
      }
      for (String m : mineIds) {
        if (m.equals(mineId) || (m + ElementMarket.OFF_QUOTA_SUFFIX).equals(mineId)) {
          return true;
        }
      }
      return false;
    }

    /** Whether the rule closes the route from the mine to separating region q in year index t. */
    public boolean closes(int t, String mineId, int mineRegion, int q) {
      if (!activeT[t]) {
        return false;
      }
      boolean origin = covers(mineId, mineRegion);
      return switch (kind) {
        case OFFTAKE -> origin && !regions[q];
        case FEED -> regions[q] && !origin;
        case CLOSED -> origin && regions[q];
        case ELEMENTS -> false;
      };
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Rule r && id.equals(r.id) && kind == r.kind && mineIds.equals(r.mineIds)
          && Arrays.equals(originRegions, r.originRegions) && Arrays.equals(regions, r.regions)
          && Arrays.equals(activeT, r.activeT) && Arrays.equals(elements, r.elements) && share == r.share;
    }

    @Override
    public int hashCode() {
      return id.hashCode();
    }
  }

  /** No rules: every route open. */
  public static final FeedRoutes OPEN = new FeedRoutes(List.of());

  private final List<Rule> rules;

  public FeedRoutes(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether concentrate of the mine (producer id, region index) may go to separating region q in year index t. */
  public boolean open(int t, String mineId, int mineRegion, int q) {
    for (Rule r : rules) {
      if (r.closes(t, mineId, mineRegion, q)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The share of element e in the mine's concentrate that an {@link Kind#ELEMENTS} rule sends to region
   * {@code to[0]} in year index t, wherever the concentrate is separated; 0 (and {@code to[0] = -1}) when
   * none does. Where several rules cover the mine and element, the first active one applies.
   */
  public double elementShare(int t, String mineId, int mineRegion, int e, int[] to) {
    for (Rule r : rules) {
      if (r.kind == Kind.ELEMENTS && r.activeT[t] && r.elements[e] && r.covers(mineId, mineRegion)) {
        to[0] = r.region();
        return r.share;
      }
    }
    to[0] = -1;
    return 0;
  }

  /** Whether the route is open in at least one of the {@code years} year indices. */
  public boolean everOpen(int years, String mineId, int mineRegion, int q) {
    for (int t = 0; t < years; t++) {
      if (open(t, mineId, mineRegion, q)) {
        return true;
      }
    }
    return false;
  }
}
