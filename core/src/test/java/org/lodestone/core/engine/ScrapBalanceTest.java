package org.lodestone.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lodestone.core.model.MarketParameters;

/**
 * The pre-consumer recycling check ({@code AnnualEngine.checkScrapRecovery}): the oxide booked as
 * recovered from machining scrap, by element, against the element content of the scrap the booked
 * magnet output left times the element's recovery rate. Known answers by hand.
 */
class ScrapBalanceTest {
  // oxideToMetal NdPr 0.857, Dy 0.871, Tb 0.850; yield 80 %; rates 95 / 77 / 50 %
  private static final MarketParameters MARKET = new MarketParameters(new double[] {0.857, 0.871, 0.850},
      new double[] {50, 300, 1000}, new double[] {500, 3000, 10000}, 50, 500, 0.8, 1.0,
      new double[] {0.95, 0.77, 0.50}, null);
  private static final double[] GRADE = {0.30, 0.01, 0.002};

  /**
   * 100 t of finished magnets at an 80 % yield take in 125 t of alloy and leave 25 t of scrap, holding
   * 7.5 t NdPr, 0.25 t Dy and 0.05 t Tb metal; recovered: 7.5 x 0.95 / 0.857 = 8.31389 t NdPr oxide,
   * 0.25 x 0.77 / 0.871 = 0.221010 t Dy oxide, 0.05 x 0.5 / 0.850 = 0.0294118 t Tb oxide.
   */
  private static double[] byHand() {
    return new double[] {7.5 * 0.95 / 0.857, 0.25 * 0.77 / 0.871, 0.05 * 0.5 / 0.850};
  }

  @Test
  void theBookingByHandBalances() {
    assertThat(byHand()[0]).isCloseTo(8.31389, org.assertj.core.api.Assertions.within(1e-5));
    assertThatNoException().isThrownBy(() -> AnnualEngine.checkScrapRecovery(2030, 100, GRADE, MARKET, byHand(), 0));
    // the booking as the engine makes it, from the coefficient per kg of magnet
    double[] engine = new double[6];
    for (int e = 0; e < 3; e++) {
      engine[3 + e] = 100 * MARKET.scrapOxidePerMagnet(e, GRADE[e]);
    }
    assertThatNoException().isThrownBy(() -> AnnualEngine.checkScrapRecovery(2030, 100, GRADE, MARKET, engine, 3));
  }

  @Test
  void oneRateForEveryElementIsAWrongBooking() {
    // Dy booked at NdPr's 95 % instead of its own 77 %
    double[] wrong = byHand();
    wrong[1] = 0.25 * 0.95 / 0.871;
    assertThatThrownBy(() -> AnnualEngine.checkScrapRecovery(2030, 100, GRADE, MARKET, wrong, 0))
        .isInstanceOf(MassBalanceException.class).hasMessageContaining("Dy").hasMessageContaining("2030");
  }

  @Test
  void metalBookedAsOxideIsAWrongBooking() {
    double[] wrong = byHand();
    wrong[0] = 7.5 * 0.95; // t metal, not oxide
    assertThatThrownBy(() -> AnnualEngine.checkScrapRecovery(2030, 100, GRADE, MARKET, wrong, 0))
        .isInstanceOf(MassBalanceException.class).hasMessageContaining("NdPr");
  }

  @Test
  void scrapOfAnotherOutputIsAWrongBooking() {
    // the recovery booked on the alloy (125 t) instead of the scrap it leaves (25 t)
    double[] wrong = byHand();
    wrong[2] = 125 * 0.002 * 0.5 / 0.850;
    assertThatThrownBy(() -> AnnualEngine.checkScrapRecovery(2030, 100, GRADE, MARKET, wrong, 0))
        .isInstanceOf(MassBalanceException.class).hasMessageContaining("Tb");
  }
}
