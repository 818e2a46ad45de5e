package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.core.results.Noise;

/** Values within the balance tolerance of zero print as 0 in tables, CSV and JSON (issue #14). */
class PrintingNoiseTest extends CliTestSupport {
  @Test
  void tableFormatsShowNoNegativeZero() {
    assertThat(Format.price(-7.46e-15)).isEqualTo("0.0");
    assertThat(Format.kt(-1e-12)).isEqualTo("0.0");
    assertThat(Format.tonnes(-1e-12, "t REO")).isEqualTo("0 t REO");
    assertThat(Format.percent(-1e-12)).isEqualTo("0%");
    assertThat(Format.hhi(-1e-12)).isEqualTo("0");
    // values above the tolerance keep their sign: a real -0.03 kt still rounds to -0.0
    assertThat(Format.kt(-30)).isEqualTo("-0.0");
  }

  @Test
  void noPrintedValueOfTheRegionalMarketsIsNoiseAroundZero() throws Exception {
    // regional-markets: the linear programme's read-back values carry the most residues (before the rule,
    // 377 of its values were nonzero below 1e-12 in magnitude and 336 more below 1e-9)
    assertThat(run("run", "regional-markets", "--format", "csv", "--from", "2015", "--to", "2017"))
        .as(err.toString()).isZero();
    List<String> lines = List.of(out.toString().split("\n"));
    List<BigDecimal> values = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      values.add(new BigDecimal(f[f.length - 2]));
    }
    assertThat(values).hasSizeGreaterThan(1000)
        .allMatch(v -> v.signum() == 0 || v.abs().doubleValue() > Noise.ZERO_BELOW)
        .anyMatch(v -> v.signum() == 0);
    assertThat(out.toString()).doesNotContain(",-0,");

    assertThat(run("run", "regional-markets", "--format", "json", "--from", "2015", "--to", "2017")).isZero();
    JsonNode rows = new ObjectMapper().readTree(out.toString());
    assertThat(rows.size()).isEqualTo(values.size());
    for (JsonNode r : rows) {
      double v = r.get("value").asDouble();
      assertThat(v == 0 || Math.abs(v) > Noise.ZERO_BELOW).as(r.toString()).isTrue();
    }
    // a printed negative zero, not a real small negative such as -0.039 (log price changes)
    assertThat(out.toString()).doesNotContainPattern(": -0\\.0(?![0-9Ee])");
  }
}
