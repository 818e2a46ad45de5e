package org.lodestone.core.model;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every validation rule of {@link MarketParameters}: the message names the field, the value given and what was expected. */
class MarketParametersTest {
  private static final double[] O2M = {0.857, 0.871, 0.850};
  private static final double[] REF = {50, 300, 1000};
  private static final double[] CAP = {500, 3000, 10000};
  private static final double[] RATE = {0.95, 0.77, 0.77};

  private static MarketParameters of(double[] o2m, double[] ref, double[] cap, double mRef, double mCap,
      double mfg, double metal, double[] rate) {
    return new MarketParameters(o2m, ref, cap, mRef, mCap, mfg, metal, rate, null);
  }

  private static double[] with(double[] a, int e, double v) {
    double[] b = a.clone();
    b[e] = v;
    return b;
  }

  @Test
  void validParametersPass() {
    assertThatNoException().isThrownBy(() -> of(O2M, REF, CAP, 50, 500, 0.725, 1.0, RATE));
  }

  @Test
  void arraysNeedOneValuePerElement() {
    assertThatThrownBy(() -> of(new double[] {0.857, 0.871}, REF, CAP, 50, 500, 0.7, 1, RATE))
        .hasMessage("oxideToMetal = [0.857, 0.871]: needs 3 values, one per element (NdPr, Dy, Tb)");
    assertThatThrownBy(() -> of(O2M, REF, CAP, 50, 500, 0.7, 1, new double[] {0.9}))
        .hasMessage("scrapRecoveryRate = [0.9]: needs 3 values, one per element (NdPr, Dy, Tb)");
  }

  @Test
  void oxideToMetalIsInZeroToOne() {
    assertThatThrownBy(() -> of(with(O2M, 1, 1.15), REF, CAP, 50, 500, 0.7, 1, RATE))
        .hasMessage("oxideToMetal[Dy] = 1.15: must be in (0, 1] (kg metal per kg oxide)");
    assertThatThrownBy(() -> of(with(O2M, 0, 0), REF, CAP, 50, 500, 0.7, 1, RATE))
        .hasMessage("oxideToMetal[NdPr] = 0.0: must be in (0, 1] (kg metal per kg oxide)");
  }

  @Test
  void oxidePricesArePositiveWithTheCapAtLeastTheReference() {
    assertThatThrownBy(() -> of(O2M, with(REF, 2, -5), CAP, 50, 500, 0.7, 1, RATE))
        .hasMessage("oxideReferencePrice[Tb] = -5.0 USD/kg: must be > 0");
    assertThatThrownBy(() -> of(O2M, REF, with(CAP, 1, 200), 50, 500, 0.7, 1, RATE))
        .hasMessage("oxidePriceCap[Dy] = 200.0 USD/kg: must be >= oxideReferencePrice[Dy] (300.0 USD/kg)");
    assertThatThrownBy(() -> of(O2M, REF, with(CAP, 1, Double.NaN), 50, 500, 0.7, 1, RATE))
        .hasMessage("oxidePriceCap[Dy] = NaN USD/kg: must be >= oxideReferencePrice[Dy] (300.0 USD/kg)");
  }

  @Test
  void magnetPricesArePositiveFiniteWithTheCapAtLeastTheReference() {
    assertThatThrownBy(() -> of(O2M, REF, CAP, 0, 500, 0.7, 1, RATE))
        .hasMessage("magnetReferencePrice = 0.0 USD/kg: must be > 0");
    assertThatThrownBy(() -> of(O2M, REF, CAP, 50, 40, 0.7, 1, RATE))
        .hasMessage("magnetPriceCap = 40.0 USD/kg: must be >= magnetReferencePrice (50.0 USD/kg)");
    assertThatThrownBy(() -> of(O2M, REF, CAP, 50, Double.POSITIVE_INFINITY, 0.7, 1, RATE))
        .hasMessage("magnetPriceCap = Infinity USD/kg: must be finite (demand beyond it is unserved)");
  }

  @Test
  void yieldsAreInZeroToOne() {
    assertThatThrownBy(() -> of(O2M, REF, CAP, 50, 500, 0, 1, RATE))
        .hasMessage("manufacturingYield = 0.0: must be in (0, 1] (finished magnet per unit of alloy)");
    assertThatThrownBy(() -> of(O2M, REF, CAP, 50, 500, 0.7, 1.2, RATE))
        .hasMessage("metalYield = 1.2: must be in (0, 1] (metal per unit of metal contained in the oxide)");
  }

  @Test
  void scrapRecoveryRatesAreInZeroToOne() {
    assertThatThrownBy(() -> of(O2M, REF, CAP, 50, 500, 0.7, 1, with(RATE, 2, 1.5)))
        .hasMessage("scrapRecoveryRate[Tb] = 1.5: must be in [0, 1]");
    assertThatThrownBy(() -> new MarketParameters(O2M, REF, CAP, 50, 500, 0.7, 1, -0.1))
        .hasMessage("scrapRecoveryRate[NdPr] = -0.1: must be in [0, 1]");
  }
}
