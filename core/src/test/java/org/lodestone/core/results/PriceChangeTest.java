package org.lodestone.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@code price_change} where a price is zero: no row (NaN), as the README's metric table says, with zero
 * as the results print it (within {@link Noise#ZERO_BELOW} USD/kg). Prices by hand and from
 * quota-crisis-2010's Tb oxide (2014 2.643e-6 USD/kg, 2015 dust 1.3e-15 that prints 0).
 */
class PriceChangeTest {
  @Test
  void aPriceThatPrintsZeroHasNoChange() {
    assertThat(TidyResults.priceChange(2.6430406e-6, 1.3e-15)).isNaN(); // was ln(1.3e-15 / 2.64e-6) = -21.4
    assertThat(TidyResults.priceChange(1.3e-15, 3.2e-17)).isNaN(); // both print 0
    assertThat(TidyResults.priceChange(0, 5)).isNaN();
    assertThat(TidyResults.priceChange(5, 0)).isNaN();
    assertThat(TidyResults.priceChange(5, -1e-12)).isNaN();
  }

  @Test
  void positivePricesHaveTheirLogChange() {
    assertThat(TidyResults.priceChange(50, 100)).isCloseTo(Math.log(2), within(1e-15));
    // just above the print floor: a price, however small
    assertThat(TidyResults.priceChange(2.6430406e-6, 1.3555e-2)).isCloseTo(Math.log(1.3555e-2 / 2.6430406e-6),
        within(1e-12));
    assertThat(TidyResults.priceChange(2e-9, 4e-9)).isCloseTo(Math.log(2), within(1e-12));
  }
}
