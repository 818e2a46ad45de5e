package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.ResultVector;
import org.lodestone.core.results.TidyResults;

/**
 * {@link ResultVector} against {@link TidyResults} on the seeded random chains of
 * {@link AnnualEnginePropertyTest} (this package, to reuse them): same keys in the same order, values
 * bit-identical, and NaN exactly where the tidy rows leave an undefined share or HHI out.
 */
class ResultVectorTest {
  static java.util.stream.IntStream seeds() {
    return AnnualEnginePropertyTest.seeds();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void vectorMatchesTidyRowsBitForBit(int seed) {
    SupplyChain chain = AnnualEnginePropertyTest.randomChain(seed, false);
    RunResult r = AnnualEngine.run(chain);
    int first = chain.axis().firstYear();
    int last = chain.axis().lastYear();
    ResultVector layout = ResultVector.layout(chain, first, last);
    double[] v = layout.values(r);
    List<ResultRow> rows = TidyResults.rows(r, first, last);
    Map<ResultVector.Key, Double> byKey = new HashMap<>();
    for (ResultRow row : rows) {
      byKey.put(new ResultVector.Key(row.year(), row.metric(), row.stage(), row.product(), row.region(),
          row.sector(), row.unit()), row.value());
    }
    assertThat(byKey).hasSize(rows.size());
    int rowIndex = 0;
    for (int k = 0; k < layout.size(); k++) {
      ResultVector.Key key = layout.keys().get(k);
      Double tidy = byKey.get(key);
      if (tidy == null) {
        assertThat(key.metric()).as(key.toString()).isIn("share_china", "hhi_country", "hhi_company", "recycled_share",
            "share_top1", "share_top3", "import_reliance", "days_of_cover", "price_change", "volatility");
        assertThat(v[k]).as(key.toString()).isNaN();
        continue;
      }
      ResultRow row = rows.get(rowIndex++);
      assertThat(row.metric()).as("order at " + key).isEqualTo(key.metric());
      assertThat(Double.doubleToRawLongBits(v[k])).as(key.toString())
          .isEqualTo(Double.doubleToRawLongBits(tidy));
    }
    assertThat(rowIndex).isEqualTo(rows.size());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void yearsAreClippedAndKeysDoNotDependOnValues(int seed) {
    SupplyChain chain = AnnualEnginePropertyTest.randomChain(seed, false);
    int first = chain.axis().firstYear();
    ResultVector one = ResultVector.layout(chain, first - 5, first);
    assertThat(one.firstYear()).isEqualTo(first);
    assertThat(one.keys()).allMatch(k -> k.year() == first);
    assertThat(one.values(AnnualEngine.run(chain))).hasSize(one.size());
  }
}
