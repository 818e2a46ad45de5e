package org.lodestone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockCommandTest extends CliTestSupport {
  @TempDir
  Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  Path odymInflow() throws Exception {
    StringBuilder b = new StringBuilder("year,value\n");
    for (int i = 1; i <= 10; i++) {
      b.append(2000 + i).append(',').append(i).append('\n');
    }
    return write("inflow.csv", b.toString());
  }

  /** ODYM's known answer (inflow 1..10, fixed lifetime 5) through the command. */
  @Test
  void inflowDrivenOdymKnownAnswer() throws Exception {
    int code = run("stock", "--inflow", odymInflow().toString(), "--lifetime", "fixed:mean=5");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("series,year,inflow,outflow,stock,stock_change\n"
        + "value,2001,1,0,1,1\n").contains("value,2006,6,1,20,5\n").endsWith("value,2010,10,5,40,5\n");
  }

  @Test
  void stockDrivenGivesTheInflowBack() throws Exception {
    Path stock = write("stock.csv", "year,value\n2001,1\n2002,3\n2003,6\n2004,10\n2005,15\n2006,20\n");
    assertThat(run("stock", "--stock", stock.toString(), "--lifetime", "fixed:mean=5")).isZero();
    assertThat(out.toString()).contains("value,2006,6,1,20,5\n");
  }

  @Test
  void byCohortOnStdoutIsASecondBlock() throws Exception {
    assertThat(run("stock", "--inflow", odymInflow().toString(), "--lifetime", "fixed:mean=5", "--by-cohort")).isZero();
    String[] blocks = out.toString().split("\n\n");
    assertThat(blocks).hasSize(2);
    assertThat(blocks[1]).startsWith("series,year,cohort,stock,outflow\nvalue,2001,2001,1,0\n")
        .contains("value,2006,2001,0,1\n");
  }

  @Test
  void byCohortWithOutWritesASecondFile() throws Exception {
    Path o = dir.resolve("res.csv");
    assertThat(run("stock", "--inflow", odymInflow().toString(), "--lifetime", "normal:mean=3,sd=1",
        "--convention", "middle", "--by-cohort", "--out", o.toString())).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(o)).startsWith("series,year,inflow");
    assertThat(Files.readString(dir.resolve("res-by-cohort.csv"))).startsWith("series,year,cohort,stock,outflow");
  }

  @Test
  void manySeriesWithLifetimesFileAndInitialStock() throws Exception {
    Path stock = write("s.csv", "year,ev,wind\n2020,5,10\n2021,5,12\n2022,4,14\n");
    Path lt = write("lt.csv", "series,type,mean,sd,shape,scale\nev,fixed,5,,,\nwind,weibull,,,2,20\n");
    Path init = write("init.csv", "cohort,ev,wind\n2018,2,4\n2019,3,6\n");
    assertThat(run("stock", "--stock", stock.toString(), "--lifetimes", lt.toString(),
        "--initial-stock", init.toString(), "--negative-inflow-correction")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("ev,2018,2,0,2,2\n", "ev,2019,3,0,5,3\n", "ev,2020,0,0,5,0\n",
        "ev,2022,0,1,4,-1\n", "wind,2022,");
  }

  @Test
  void badInputExitsTwoWithPositionsAndWritesNothing() throws Exception {
    Path bad = write("bad.csv", "year,value\n2001,1\n2002,x\n2003,-1,4\n");
    Path o = dir.resolve("never.csv");
    assertThat(run("stock", "--inflow", bad.toString(), "--lifetime", "normal:mean=10", "--out", o.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("bad.csv:3:6 value = x: inflow must be a finite number",
        "bad.csv:4:9 row has 3 cells", "--lifetime normal.sd: missing parameter", "3 problems found");
    assertThat(o).doesNotExist();
  }

  @Test
  void unknownLawAndUnknownSeriesExitTwo() throws Exception {
    assertThat(run("stock", "--inflow", odymInflow().toString(), "--lifetime", "cauchy:mean=1")).isEqualTo(2);
    assertThat(err.toString()).contains("law = cauchy: unknown lifetime law");
    Path lt = write("lt.csv", "series,type,mean,sd,shape,scale\nvalue,fixed,5,,,\nbus,fixed,5,,,\n");
    assertThat(run("stock", "--inflow", odymInflow().toString(), "--lifetimes", lt.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("lt.csv:3:1 series = bus: unknown series");
  }

  @Test
  void unreachableTargetIsReportedNotPapered() throws Exception {
    Path stock = write("s.csv", "year,value\n2020,0\n2021,5\n");
    assertThat(run("stock", "--stock", stock.toString(), "--lifetime", "fixed:mean=0")).isEqualTo(2);
    assertThat(err.toString()).contains("s.csv:3 value: target stock in 2021 cannot be met");
  }

  @Test
  void missingDriverOrConflictingOptionsAreUsageErrors() throws Exception {
    assertThat(run("stock", "--lifetime", "fixed:mean=5")).isEqualTo(2);
    assertThat(run("stock", "--inflow", odymInflow().toString(), "--lifetime", "fixed:mean=5",
        "--negative-inflow-correction")).isEqualTo(2);
    assertThat(run("stock", "--inflow", odymInflow().toString(), "--lifetime", "fixed:mean=5",
        "--convention", "sideways")).isEqualTo(2);
    assertThat(err.toString()).contains("convention = sideways: must be end, middle or start");
  }

  /**
   * The stock command prints through the results' number rule (Noise): a fixed lifetime of 2 years on
   * inflows 0.1, 0.2, 0.3 leaves sums such as 0.1 + 0.2 = 0.30000000000000004 and an outflow of
   * -2.78e-17 in doubles; printed, they are 0.3 and 0 (by hand: the stock in 2002 is 0.1 + 0.2 = 0.3,
   * nothing has left yet), and no value is a negative zero or in exponent form.
   */
  @Test
  void printsNoFloatNoise() throws Exception {
    Path in = write("noise.csv", "year,value\n2001,0.1\n2002,0.2\n2003,0.3\n2004,0.1\n2005,0\n2006,0\n");
    assertThat(run("stock", "--inflow", in.toString(), "--lifetime", "fixed:mean=2", "--by-cohort")).isZero();
    String text = out.toString();
    assertThat(text).contains("value,2002,0.2,0,0.3,0.2\n").contains("value,2005,0,0.3,0.1,-0.3\n")
        .doesNotContain("0000000").doesNotContain("9999999").doesNotContainPattern("[Ee]-?[0-9]")
        .doesNotContainPattern("(^|,)-0(,|\n)");
    assertThat(run("stock", "--inflow", in.toString(), "--lifetime", "normal:mean=2,sd=0.5")).isZero();
    for (String line : out.toString().split("\n")) {
      for (String cell : line.split(",")) {
        if (!cell.matches("-?[0-9.]+") || !cell.contains(".")) {
          continue; // names, years, whole numbers
        }
        assertThat(cell.replace("-", "").replace(".", "").replaceFirst("^0+", "").length())
            .as(line).isLessThanOrEqualTo(9);
      }
    }
  }
}
