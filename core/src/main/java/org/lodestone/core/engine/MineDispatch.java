package org.lodestone.core.engine;

import org.lodestone.core.model.Element;

/**
 * Dispatch of mines that produce fixed element baskets (co-products). Each mine's REO carries a fixed
 * split of NdPr, Dy and Tb (by deposit type), so mining for one element yields the others too.
 *
 * <p>The rule, a greedy co-product dispatch: first the lead element NdPr is met from mines in order
 * of cost per kg of NdPr; then each element still short (Dy, then Tb) is topped up from the
 * remaining capacity in order of cost per kg of that element. An element whose requirement drove a
 * dispatch has a marginal mine (its cost per kg of the element sets the element's marginal cost); an
 * element met wholly as a by-product is in surplus. This mirrors the "balance problem" of rare-earth
 * co-production (Binnemans et al. 2013, J. Cleaner Production 51:1–9; Falconnet 1985): heavy rare
 * earths come from ionic clays whatever the NdPr demand.
 *
 * <p>Limitation, stated plainly: with several deposit types the greedy order is a dispatch rule, not
 * a least-cost solution, so the marginal cost of the basket can dip as output grows (a Dy-richer
 * mine reached for NdPr turns Dy from top-up to by-product). With one deposit type, or where the
 * lead element's merit order also covers the others, it is the least-cost dispatch. The regional
 * markets (spatial equilibrium) replace it with an exact optimisation.
 *
 * <p>Mutable scratch owned by one run.
 */
final class MineDispatch {
  private static final int E = Element.COUNT;
  /**
   * Requirements left below this many tonnes count as met: rounding dust would otherwise dispatch a
   * dearer mine for a few nanograms and make it look marginal.
   */
  static final double DUST_T = 1e-10;
  final int[] producer;
  /** Offer cost this year by local mine index, USD/kg REO. */
  final double[] cost;
  /** Split by local mine index, {@code [i * E + e]}. */
  final double[] split;
  /** Per element, local mine indices sorted by cost per kg of that element (mines with share 0 left out). */
  final int[][] order;
  final double[] capacity;
  final double[] remaining;
  final double[] output;
  /** Element output of the current dispatch, t oxide. */
  final double[] elementOutput = new double[E];
  /** Marginal mine cost per kg of element, USD/kg, for driving elements; NaN otherwise. */
  final double[] marginalPerKgElement = new double[E];
  /** Local index of the marginal mine per element, -1 when the element did not drive dispatch. */
  final int[] marginalMine = new int[E];
  /** Total REO mined by the current dispatch. */
  double totalOutput;
  /** Element that could not be met by the current dispatch, -1 when feasible. */
  int shortElement;

  MineDispatch(int[] producers, double[] unitCost, double[] splitByMine) {
    int n = producers.length;
    producer = producers.clone();
    cost = unitCost.clone();
    split = splitByMine.clone();
    capacity = new double[n];
    remaining = new double[n];
    output = new double[n];
    order = new int[E][];
    sortOrders();
  }

  private void sortOrders() {
    int n = producer.length;
    for (int e = 0; e < E; e++) {
      final int el = e;
      order[e] = java.util.stream.IntStream.range(0, n)
          .filter(i -> split[i * E + el] > 0)
          .boxed()
          .sorted((a, b) -> Double.compare(cost[a] / split[a * E + el], cost[b] / split[b * E + el]))
          .mapToInt(Integer::intValue)
          .toArray();
    }
  }

  /** Sets this year's offer costs (by producer index); re-sorts only if any changed. */
  void costs(double[] costByProducer) {
    boolean changed = false;
    for (int i = 0; i < producer.length; i++) {
      double c = costByProducer[producer[i]];
      if (c != cost[i]) {
        cost[i] = c;
        changed = true;
      }
    }
    if (changed) {
      sortOrders();
    }
  }

  void load(double[] capacityByProducer) {
    for (int i = 0; i < producer.length; i++) {
      capacity[i] = capacityByProducer[producer[i]];
    }
  }

  /** Largest quantity of element {@code e} all mines together could produce this year. */
  double maxElement(int e) {
    double s = 0;
    for (int i = 0; i < producer.length; i++) {
      s += capacity[i] * split[i * E + e];
    }
    return s;
  }

  /**
   * Dispatches mines to meet requirement {@code required[e]} (t oxide) for every element. Fills
   * {@link #output}, {@link #elementOutput}, {@link #marginalPerKgElement} and sets
   * {@link #shortElement}. Relative tolerance {@code tol} on requirements.
   */
  void dispatch(double[] required, double tol) {
    int n = producer.length;
    for (int i = 0; i < n; i++) {
      remaining[i] = capacity[i];
      output[i] = 0;
    }
    for (int e = 0; e < E; e++) {
      elementOutput[e] = 0;
      marginalPerKgElement[e] = Double.NaN;
      marginalMine[e] = -1;
    }
    shortElement = -1;
    for (int e = 0; e < E; e++) {
      double need = required[e] - elementOutput[e];
      if (required[e] <= 0) {
        // price of the first unit: the cheapest mine with capacity for this element
        if (e == 0) {
          for (int i : order[e]) {
            if (capacity[i] > 0) {
              marginalPerKgElement[e] = cost[i] / split[i * E + e];
              marginalMine[e] = i;
              break;
            }
          }
        }
        continue;
      }
      if (need <= tol * required[e] + DUST_T) {
        continue; // met as a by-product: surplus, no marginal mine
      }
      for (int i : order[e]) {
        if (need <= tol * required[e] + DUST_T) {
          break; // met (within rounding): the previous mine is the marginal one
        }
        if (remaining[i] <= 0) {
          continue;
        }
        double f = split[i * E + e];
        double take = Math.min(remaining[i], need / f);
        remaining[i] -= take;
        output[i] += take;
        for (int k = 0; k < E; k++) {
          elementOutput[k] += take * split[i * E + k];
        }
        need = required[e] - elementOutput[e];
        marginalPerKgElement[e] = cost[i] / f;
        marginalMine[e] = i;
      }
      if (need > tol * required[e] + DUST_T && shortElement < 0) {
        shortElement = e;
      }
    }
    double x = 0;
    for (int i = 0; i < n; i++) {
      x += output[i];
    }
    totalOutput = x;
  }
}
