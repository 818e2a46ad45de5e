package org.lodestone.io.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.core.stock.InflowDrivenModel;
import org.lodestone.core.stock.LifetimeModel;
import org.lodestone.core.stock.StockResult;
import org.lodestone.core.stock.SurvivalTable;
import org.lodestone.core.stock.TimeConvention;

class StockCsvTest {
  @TempDir
  Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  List<Problem> problemsOf(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("no InvalidInputException");
  }

  @Test
  void readsWideFileTimeSlowest() throws Exception {
    Path p = write("in.csv", "year,ev,wind\n2020,1,10\n2021,2,20\r\n2022,3,30\n\n");
    SeriesTable t = StockCsv.readSeries(p, "in.csv", "inflow");
    assertThat(t.firstYear()).isEqualTo(2020);
    assertThat(t.names()).containsExactly("ev", "wind");
    assertThat(t.values()).containsExactly(1, 10, 2, 20, 3, 30);
    assertThat(t.lines()).containsExactly(2, 3, 4);
  }

  @Test
  void collectsEveryProblemWithLineAndColumn() throws Exception {
    Path p = write("in.csv", "year,value\n2020,1\n2021,abc\n2022,1,2\n2023,NaN\n2024,-3\n2026,1\n");
    List<Problem> ps = problemsOf(() -> StockCsv.readSeries(p, "in.csv", "inflow"));
    assertThat(ps).extracting(Problem::format).containsExactly(
        "in.csv:3:6 value = abc: inflow must be a finite number",
        "in.csv:4:8 row has 3 cells, the header has 2; every row needs one value per column",
        "in.csv:5:6 value = NaN: inflow must be a finite number",
        "in.csv:6:6 value = -3: inflow must be >= 0",
        "in.csv:7:1 year = 2026: years must be consecutive and increasing; expected 2025");
  }

  @Test
  void badHeaderIsOneProblem() throws Exception {
    Path p = write("in.csv", "when,value\n2020,1\n");
    assertThat(problemsOf(() -> StockCsv.readSeries(p, "in.csv", "inflow"))).singleElement()
        .extracting(Problem::rule).asString().contains("header must be");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "fixed:mean=5; Fixed[meanYears=5.0]",
      "normal:mean=10,sd=3; Normal[meanYears=10.0, sdYears=3.0]",
      "foldednormal:mean=20,sd=20; FoldedNormal[meanYears=20.0, sdYears=20.0]",
      "lognormal:mean=20,sd=5; LogNormal[meanYears=20.0, sdYears=5.0]",
      "lognormal-odym:mean=20,sd=5; LogNormalOdym[meanYears=20.0, sdYears=5.0]",
      "weibull:shape=1.2,scale=1; Weibull[shape=1.2, scaleYears=1.0]",
      "gamma:shape=2,scale=5; Gamma[shape=2.0, scaleYears=5.0]"})
  void parsesEverySpec(String spec, String expected) {
    assertThat(StockCsv.parseSpec(spec, "--lifetime").toString()).isEqualTo(expected);
  }

  @Test
  void specProblems() {
    assertThat(problemsOf(() -> StockCsv.parseSpec("poisson:mean=3", "--lifetime"))).singleElement()
        .extracting(Problem::format).asString().startsWith("--lifetime law = poisson: unknown lifetime law");
    assertThat(problemsOf(() -> StockCsv.parseSpec("normal:mean=3", "--lifetime"))).singleElement()
        .extracting(Problem::format).asString().startsWith("--lifetime normal.sd: missing parameter");
    assertThat(problemsOf(() -> StockCsv.parseSpec("normal:mean=3,sd=x,k=1", "--lifetime"))).hasSize(2);
    assertThat(problemsOf(() -> StockCsv.parseSpec("normal:mean=-3,sd=1", "--lifetime"))).singleElement()
        .extracting(Problem::rule).asString().contains("must be a finite number >= 0");
  }

  @Test
  void readsLifetimesFileInSeriesOrder() throws Exception {
    Path p = write("lt.csv", "series,type,mean,sd,shape,scale\nwind,weibull,,,2,20\nev,normal,12,3,,\n");
    LifetimeModel[] lt = StockCsv.readLifetimes(p, "lt.csv", List.of("ev", "wind"));
    assertThat(lt).containsExactly(new LifetimeModel.Normal(12, 3), new LifetimeModel.Weibull(2, 20));
  }

  @Test
  void lifetimesFileProblems() throws Exception {
    Path p = write("lt.csv", "series,type,mean,sd,shape,scale\nbus,normal,12,3,,\nev,weird,1,,,\nev,normal,12,,,\n");
    List<Problem> ps = problemsOf(() -> StockCsv.readLifetimes(p, "lt.csv", List.of("ev", "wind")));
    assertThat(ps).extracting(Problem::format).containsExactly(
        "lt.csv:2:1 series = bus: unknown series; series in the data file: ev, wind",
        "lt.csv:3:4 type = weird: unknown lifetime law; one of fixed, normal, foldednormal, lognormal, lognormal-odym, weibull, gamma",
        "lt.csv:4:1 series = ev: series given twice; first on line 3",
        "lt.csv:4:4 normal.sd: missing parameter; write e.g. normal:mean=20,sd=5",
        "lt.csv series = wind: no lifetime given for this series");
  }

  @Test
  void initialStockIsReorderedAndMustEndTheYearBefore() throws Exception {
    Path p = write("init.csv", "cohort,wind,ev\n2018,1,2\n2019,3,4\n");
    SeriesTable t = StockCsv.readInitialStock(p, "init.csv", List.of("ev", "wind"), 2020);
    assertThat(t.values()).containsExactly(2, 1, 4, 3);
    assertThat(t.firstYear()).isEqualTo(2018);
    assertThat(problemsOf(() -> StockCsv.readInitialStock(p, "init.csv", List.of("ev", "wind"), 2021)))
        .singleElement().extracting(Problem::rule).asString().contains("the last cohort must be 2020");
  }

  @Test
  void writesTotalsWithShortNumbers() throws Exception {
    StockResult r = new InflowDrivenModel(SurvivalTable.constant(3, TimeConvention.END, new LifetimeModel.Fixed(1)))
        .run(new double[] {1, 2.5, 0});
    StringBuilder b = new StringBuilder();
    StockCsv.writeTotals(b, List.of("value"), 2020, r);
    assertThat(b.toString()).isEqualTo("series,year,inflow,outflow,stock,stock_change\n"
        + "value,2020,1,0,1,1\nvalue,2021,2.5,1,2.5,1.5\nvalue,2022,0,2.5,0,-2.5\n");
    StringBuilder c = new StringBuilder();
    StockCsv.writeByCohort(c, List.of("value"), 2020, r);
    assertThat(c.toString()).startsWith("series,year,cohort,stock,outflow\nvalue,2020,2020,1,0\nvalue,2021,2020,0,1\n");
  }

  @Test
  void missingFileIsAProblem() {
    assertThatThrownBy(() -> StockCsv.readSeries(dir.resolve("nope.csv"), "nope.csv", "inflow"))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("nope.csv cannot read file");
  }
}
