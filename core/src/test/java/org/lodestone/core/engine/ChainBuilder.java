package org.lodestone.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lodestone.core.model.MarketParameters;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.ProducerStatus;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.model.TimeAxis;

/** Builds small chains for tests: one year unless told otherwise, regions CN and US. */
final class ChainBuilder {
  final TimeAxis axis;
  final List<String> regions = List.of("CN", "US");
  final List<String> deposits = new ArrayList<>();
  final List<Double> split = new ArrayList<>();
  final List<Producer> producers = new ArrayList<>();
  final List<Sector> sectors = new ArrayList<>();
  double[] oxideToMetal = {1, 1, 1};
  double[] oxideRef = {50, 500, 1000};
  double[] oxideCap = {1e6, 1e6, 1e6};
  double magnetRef = 40;
  double magnetCap = 500;
  double mfgYield = 1;
  double metalYield = 1;
  double scrapRecovery = 0;
  /** Scrap recovery by element; when set, it replaces {@link #scrapRecovery}. */
  double[] scrapRecoveryByElement;
  org.lodestone.core.model.EolRecycling eol;

  ChainBuilder(int years) {
    axis = new TimeAxis(2020, 2020 + years - 1);
  }

  ChainBuilder() {
    this(1);
  }

  ChainBuilder deposit(String code, double ndpr, double dy, double tb) {
    deposits.add(code);
    split.addAll(List.of(ndpr, dy, tb));
    return this;
  }

  ChainBuilder producer(String id, Stage stage, int region, String deposit, double cost, double capacity) {
    double[] cap = new double[axis.size()];
    Arrays.fill(cap, capacity);
    producers.add(new Producer(id, id, stage, region, "owner-" + id, ProducerStatus.OPERATING,
        deposit == null ? -1 : deposits.indexOf(deposit), cost, cap));
    return this;
  }

  ChainBuilder sector(String id, double demand, double ndpr, double dy, double tb, double elasticity) {
    double[] d = new double[axis.size()];
    Arrays.fill(d, demand);
    sectors.add(new Sector(id, id, d, new double[] {ndpr, dy, tb}, elasticity, new double[] {0, 1}));
    return this;
  }

  SupplyChain build() {
    return new SupplyChain(axis, regions, deposits, split.stream().mapToDouble(Double::doubleValue).toArray(),
        producers, sectors, new MarketParameters(oxideToMetal, oxideRef, oxideCap, magnetRef, magnetCap,
            mfgYield, metalYield, scrapRecoveryByElement != null ? scrapRecoveryByElement.clone()
                : new double[] {scrapRecovery, scrapRecovery, scrapRecovery}, eol));
  }
}
