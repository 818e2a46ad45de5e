package org.lodestone.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A history series' points by year: values and sources, known answers by hand. */
class HistorySeriesTest {
  @Test
  void aPointsSourceIsFoundByYearNotByPosition() {
    // 2016 is missing: position 1 holds 2017, so a lookup by position would give 2017's source for 2016
    HistorySeries h = new HistorySeries("price", "separation", "Dy", "CN", "", "USD/kg", "series-source",
        "fob-china", new int[] {2015, 2017, 2020}, new double[] {279, 187, 261},
        new String[] {"usgs-mcs-2019", "", "usgs-mcs-2025-prices"}, "");
    assertThat(h.pointSource(2015)).isEqualTo("usgs-mcs-2019");
    assertThat(h.pointSource(2017)).isEqualTo("series-source"); // no own source: the series'
    assertThat(h.pointSource(2020)).isEqualTo("usgs-mcs-2025-prices");
    assertThat(h.pointSource(2016)).isNull();
    assertThat(h.value(2016)).isNaN();
  }
}
