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
    CLOSED
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
   */
  public record Rule(String id, Kind kind, List<String> mineIds, boolean[] originRegions, boolean[] regions,
      boolean[] activeT) {
    public Rule {
      mineIds = List.copyOf(mineIds);
      originRegions = originRegions.clone();
      regions = regions.clone();
      activeT = activeT.clone();
      if (originRegions.length != regions.length) {
        throw new IllegalArgumentException("route rule " + id + ": region arrays differ in length");
      }
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
      };
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Rule r && id.equals(r.id) && kind == r.kind && mineIds.equals(r.mineIds)
          && Arrays.equals(originRegions, r.originRegions) && Arrays.equals(regions, r.regions)
          && Arrays.equals(activeT, r.activeT);
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
