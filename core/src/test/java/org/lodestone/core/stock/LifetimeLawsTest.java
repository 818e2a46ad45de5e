package org.lodestone.core.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LifetimeLawsTest {
  @Test
  void everyLawIsBuiltFromItsNamedParameters() {
    Map<String, Double> v = Map.of("mean", 15.0, "sd", 4.0, "shape", 2.0, "scale", 10.0);
    assertThat(LifetimeLaws.create("fixed", v)).isEqualTo(new LifetimeModel.Fixed(15));
    assertThat(LifetimeLaws.create("normal", v)).isEqualTo(new LifetimeModel.Normal(15, 4));
    assertThat(LifetimeLaws.create("foldednormal", v)).isEqualTo(new LifetimeModel.FoldedNormal(15, 4));
    assertThat(LifetimeLaws.create("lognormal", v)).isEqualTo(new LifetimeModel.LogNormal(15, 4));
    assertThat(LifetimeLaws.create("lognormal-odym", v)).isEqualTo(new LifetimeModel.LogNormalOdym(15, 4));
    assertThat(LifetimeLaws.create("weibull", v)).isEqualTo(new LifetimeModel.Weibull(2, 10));
    assertThat(LifetimeLaws.create("gamma", v)).isEqualTo(new LifetimeModel.Gamma(2, 10));
    assertThat(LifetimeLaws.names()).containsExactly("fixed", "normal", "foldednormal", "lognormal",
        "lognormal-odym", "weibull", "gamma");
  }

  @Test
  void unknownLawsMissingParametersAndBadValuesAreRejectedWithTheirName() {
    assertThatThrownBy(() -> LifetimeLaws.create("exponential", Map.of("mean", 3.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown lifetime law `exponential`");
    assertThatThrownBy(() -> LifetimeLaws.create("weibull", Map.of("shape", 2.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the weibull law needs shape and scale");
    assertThatThrownBy(() -> LifetimeLaws.create("normal", Map.of("mean", 15.0, "sd", -1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sd");
  }
}
