package org.lodestone.core.engine;

/**
 * A merit-order supply stack for one stage and year: producers sorted by unit cost, dispatched
 * cheapest first. Mutable scratch owned by one run; reused across years to avoid allocation.
 *
 * <p>{@link #load} sets capacities for a year; {@link #dispatch} fills a quantity and returns the
 * marginal unit cost, i.e. the cost of the producer that supplies the last unit (Marshallian supply
 * curve of a competitive industry: price equals the marginal producer's cash cost when capacity does
 * not bind).
 */
final class MeritOrder {
  /** Producer index (into the chain's producer list) by merit rank. */
  final int[] producer;
  /** Unit cost by merit rank, USD/kg. */
  final double[] cost;
  /** Capacity this year by merit rank. */
  final double[] capacity;
  /** Output by merit rank after {@link #dispatch}. */
  final double[] output;
  double totalCapacity;

  private final int[] members;
  private final double[] memberCost;

  MeritOrder(int[] producers, double[] unitCost) {
    int n = producers.length;
    members = producers.clone();
    memberCost = unitCost.clone();
    producer = new int[n];
    cost = new double[n];
    capacity = new double[n];
    output = new double[n];
    sort();
  }

  /**
   * Orders the members by cost; ties keep the dataset's order (a stable insertion sort), so runs are
   * reproducible.
   */
  private void sort() {
    int n = members.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      int j = i;
      while (j > 0 && memberCost[order[j - 1]] > memberCost[i]) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    for (int k = 0; k < n; k++) {
      producer[k] = members[order[k]];
      cost[k] = memberCost[order[k]];
    }
  }

  /** Sets this year's offer costs (by producer index); re-sorts only if any changed. */
  void costs(double[] costByProducer) {
    boolean changed = false;
    for (int i = 0; i < members.length; i++) {
      double c = costByProducer[members[i]];
      if (c != memberCost[i]) {
        memberCost[i] = c;
        changed = true;
      }
    }
    if (changed) {
      sort();
    }
  }

  int size() {
    return producer.length;
  }

  /** Loads capacities for a year from the chain-wide capacity array (by producer index). */
  void load(double[] capacityByProducer) {
    double sum = 0;
    for (int k = 0; k < producer.length; k++) {
      capacity[k] = capacityByProducer[producer[k]];
      sum += capacity[k];
    }
    totalCapacity = sum;
  }

  /**
   * Dispatches {@code quantity} cheapest first into {@link #output}, returning the marginal cost. For
   * {@code quantity == 0} the marginal cost is that of the cheapest producer with capacity (the
   * price at which the first unit would be offered). Returns {@code NaN} when nobody has capacity.
   * The caller guarantees {@code quantity <= totalCapacity} (up to rounding; any excess is put on the
   * last producer with capacity and shows up in the balance check).
   */
  double dispatch(double quantity) {
    double left = quantity;
    // what is left after rounding counts as met, within the balance tolerance: dispatching the dust
    // would make a dearer producer look marginal
    double done = MassBalance.RELATIVE_TOLERANCE * quantity + MineDispatch.DUST_T;
    double marginal = Double.NaN;
    int last = -1;
    for (int k = 0; k < producer.length; k++) {
      double c = capacity[k];
      if (c <= 0) {
        output[k] = 0;
        continue;
      }
      last = k;
      if (left > done) {
        double take = Math.min(c, left);
        output[k] = take;
        left -= take;
        marginal = cost[k];
      } else {
        output[k] = 0;
        if (Double.isNaN(marginal)) {
          marginal = cost[k];
        }
      }
    }
    if (left > done && last >= 0) {
      // a caller's excess beyond all capacity: on the last producer, where the capacity check sees it
      for (int k = producer.length - 1; k >= 0; k--) {
        if (output[k] > 0 || k == last) {
          output[k] += left;
          break;
        }
      }
    }
    return marginal;
  }

  /**
   * Marginal cost just above {@code quantity}: the cost of the producer that would supply the next
   * unit, or {@code +Infinity} when capacity is exhausted.
   */
  double marginalAbove(double quantity) {
    double cum = 0;
    for (int k = 0; k < producer.length; k++) {
      double c = capacity[k];
      if (c <= 0) {
        continue;
      }
      cum += c;
      if (cum > quantity * (1 + 1e-12)) {
        return cost[k];
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
