package org.lodestone.core.stock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifetime laws by name, as the readers spell them (scenario files' {@code lifetime: {law: ...}},
 * the {@code stock} command's {@code --lifetime law:k=v,...} and lifetime CSV files): each name, its
 * parameters, and the one factory that builds a {@link LifetimeModel} from them. Parameters are in years
 * except the shapes (dimensionless); their meaning is on each record of {@link LifetimeModel}.
 * Stateless and thread-safe.
 */
public final class LifetimeLaws {
  /** Law name → its parameter names, in the documented order. Unmodifiable. */
  public static final Map<String, List<String>> PARAMETERS;

  static {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("fixed", List.of("mean"));
    m.put("normal", List.of("mean", "sd"));
    m.put("foldednormal", List.of("mean", "sd"));
    m.put("lognormal", List.of("mean", "sd"));
    m.put("lognormal-odym", List.of("mean", "sd"));
    m.put("weibull", List.of("shape", "scale"));
    m.put("gamma", List.of("shape", "scale"));
    PARAMETERS = java.util.Collections.unmodifiableMap(m);
  }

  private LifetimeLaws() {
  }

  /** The law names, in the documented order. */
  public static List<String> names() {
    return List.copyOf(PARAMETERS.keySet());
  }

  /**
   * The parameters a law takes.
   *
   * @throws IllegalArgumentException for a name that is no law
   */
  public static List<String> parameters(String law) {
    List<String> p = PARAMETERS.get(law);
    if (p == null) {
      throw new IllegalArgumentException("unknown lifetime law `" + law + "`: one of " + String.join(", ", names()));
    }
    return p;
  }

  /**
   * Builds a law from its parameters (extra entries in {@code values} are not read).
   *
   * @throws IllegalArgumentException for an unknown law, a missing parameter, or a value the law's record
   *     rejects (the message names the parameter and the rule)
   */
  public static LifetimeModel create(String law, Map<String, Double> values) {
    for (String p : parameters(law)) {
      if (values.get(p) == null) {
        throw new IllegalArgumentException("the " + law + " law needs " + String.join(" and ", parameters(law)));
      }
    }
    return switch (law) {
      case "fixed" -> new LifetimeModel.Fixed(values.get("mean"));
      case "normal" -> new LifetimeModel.Normal(values.get("mean"), values.get("sd"));
      case "foldednormal" -> new LifetimeModel.FoldedNormal(values.get("mean"), values.get("sd"));
      case "lognormal" -> new LifetimeModel.LogNormal(values.get("mean"), values.get("sd"));
      case "lognormal-odym" -> new LifetimeModel.LogNormalOdym(values.get("mean"), values.get("sd"));
      case "weibull" -> new LifetimeModel.Weibull(values.get("shape"), values.get("scale"));
      case "gamma" -> new LifetimeModel.Gamma(values.get("shape"), values.get("scale"));
      default -> throw new IllegalStateException(law); // parameters(law) rejected it already
    };
  }
}
