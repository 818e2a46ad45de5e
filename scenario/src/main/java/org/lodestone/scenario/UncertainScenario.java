package org.lodestone.scenario;

import java.util.List;
import org.lodestone.core.model.ChainEditor;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.scenario.uncertainty.UncertainParameter;

/**
 * A scenario whose numbers may be distributions: the nominal scenario (every distribution at its
 * mean), the list of uncertain parameters, and a fast map from a point of the unit hypercube to a
 * model input. Immutable and thread-safe; each call of {@link #chainAt} builds a new chain.
 *
 * <p>Point {@code u} has one coordinate per parameter, in (0, 1); coordinate k is turned into a value
 * by parameter k's inverse CDF. Monte Carlo draws, Saltelli samples and tornado (one-at-a-time)
 * points all go through this one map.
 */
public final class UncertainScenario {
  /** Applies drawn values (in parameter order) to an editor. */
  @FunctionalInterface
  public interface Binding {
    void apply(ChainEditor editor, double[] values);
  }

  /** Turns the edited chain into the model input (the scenario's events, replayed with drawn values). */
  @FunctionalInterface
  public interface Finish {
    SupplyChain apply(SupplyChain edited, double[] values);
  }

  private final Scenario nominal;
  private final SupplyChain editable;
  private final List<UncertainParameter> parameters;
  private final Binding binding;
  private final Finish finish;

  /**
   * @param nominal    the scenario with every distribution at its nominal value
   * @param parameters the uncertain parameters, in coordinate order
   * @param binding    writes the parameters' values into a chain editor
   */
  public UncertainScenario(Scenario nominal, List<UncertainParameter> parameters, Binding binding) {
    this(nominal, nominal.chain(), parameters, binding, (chain, values) -> chain);
  }

  /**
   * @param nominal    the scenario with every distribution at its nominal value
   * @param editable   the chain draws start from (before the scenario's events)
   * @param parameters the uncertain parameters, in coordinate order
   * @param binding    writes the parameters' values into a chain editor
   * @param finish     completes an edited chain (applies the events)
   */
  public UncertainScenario(Scenario nominal, SupplyChain editable, List<UncertainParameter> parameters,
      Binding binding, Finish finish) {
    this.nominal = nominal;
    this.editable = editable;
    this.parameters = List.copyOf(parameters);
    this.binding = binding;
    this.finish = finish;
  }

  /** The scenario at nominal values. */
  public Scenario nominal() {
    return nominal;
  }

  /** The uncertain parameters, in coordinate order. */
  public List<UncertainParameter> parameters() {
    return parameters;
  }

  /** Number of uncertain parameters. */
  public int dimension() {
    return parameters.size();
  }

  /** Parameter values at point {@code u} of the unit hypercube. */
  public double[] valuesAt(double[] u) {
    if (u.length != parameters.size()) {
      throw new IllegalArgumentException("point has " + u.length + " coordinates, expected " + parameters.size());
    }
    double[] v = new double[u.length];
    for (int k = 0; k < u.length; k++) {
      v[k] = parameters.get(k).valueAt(u[k]);
    }
    return v;
  }

  /** The model input at point {@code u} of the unit hypercube. */
  public SupplyChain chainAt(double[] u) {
    return chainWith(valuesAt(u));
  }

  /** The model input with the given parameter values (base units, coordinate order). */
  public SupplyChain chainWith(double[] values) {
    if (values.length != parameters.size()) {
      throw new IllegalArgumentException("got " + values.length + " values, expected " + parameters.size());
    }
    ChainEditor editor = new ChainEditor(editable);
    binding.apply(editor, values);
    return finish.apply(editor.build(), values);
  }
}
