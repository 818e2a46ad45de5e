package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.lodestone.scenario.HistorySeries;
import org.lodestone.scenario.ScenarioLoader;

/**
 * The dashboard's History panel in headless Chromium on the shipped base: loading it draws one chart
 * per observed price series, each with the model line and the observed points; the NdPr FOB China
 * chart has as many points as base's series has years in the window and its error in the title; the
 * mouse over an observed point shows a tooltip naming the point's source, its value and its basis.
 * Screenshot in {@code target/dashboard-history.png}.
 */
class HistoryBrowserTest {
  @TempDir
  Path dir;

  @SuppressWarnings("unchecked")
  @Test
  void drawsTheHistoryOfEveryObservedSeries() throws Exception {
    DashboardBrowserTest.assumeChromium();
    List<HistorySeries> history = ScenarioLoader.load("base").history();
    int fobIndex = -1;
    for (int i = 0; i < history.size(); i++) {
      HistorySeries h = history.get(i);
      if (h.metric().equals("price") && h.product().equals("NdPr") && h.label().equals("fob-china")) {
        fobIndex = i;
      }
    }
    assertThat(fobIndex).isNotNegative();
    HistorySeries fob = history.get(fobIndex);
    long prices = history.stream().filter(h -> h.metric().equals("price")).count();
    ServerConfig cfg = ServerConfig.defaults(dir.resolve("data")).withDbFile(dir.resolve("h.duckdb")).withHost("127.0.0.1", 0);
    try (LodestoneServer server = LodestoneServer.create(cfg).start()) {
      ChromeDriver driver = DashboardBrowserTest.chrome(dir, 1440, 1400);
      try {
        JavascriptExecutor js = driver;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get("http://127.0.0.1:" + server.app().port() + "/");
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("return window.lodestone && window.lodestone.ready")));
        js.executeScript("document.getElementById('history-scenario').value='base'");
        driver.findElement(By.id("history-load")).click();
        wait.until(d -> d.findElement(By.id("history-status")).getText().contains("observed series"));
        assertThat(driver.findElement(By.id("history-status")).getText())
            .contains("base, ").contains(history.size() + " observed series").contains("showing " + prices);
        // one chart per price series, each with a model line and observed points
        List<WebElement> charts = driver.findElements(By.cssSelector("#history-charts .history-chart"));
        assertThat(charts).hasSize((int) prices);
        String probe = """
            const c = window.lodestone.charts['history-' + arguments[0]];
            const o = c.getOption();
            return {title: o.title[0].text, subtext: o.title[0].subtext,
              series: o.series.map(s => ({name: s.name, points: (s.data || []).filter(v => v != null).length}))};
            """;
        Map<String, Object> chart = (Map<String, Object>) js.executeScript(probe, fobIndex);
        assertThat((String) chart.get("title")).isEqualTo(fob.describe());
        assertThat((String) chart.get("subtext")).startsWith("MAPE ").contains(" % over ");
        List<Map<String, Object>> series = (List<Map<String, Object>>) chart.get("series");
        assertThat(series).extracting(s -> (String) s.get("name")).containsExactly("model", "observed");
        int from = ((Number) js.executeScript("return window.lodestone.state.history.from")).intValue();
        int to = ((Number) js.executeScript("return window.lodestone.state.history.to")).intValue();
        long expected = java.util.Arrays.stream(fob.years()).filter(y -> y >= from && y <= to).count();
        assertThat(((Number) series.get(1).get("points")).longValue()).isEqualTo(expected).isGreaterThanOrEqualTo(5);
        assertThat(((Number) series.get(0).get("points")).longValue()).isGreaterThanOrEqualTo(10);

        // hover the first observed point: the tooltip names its source, value and basis
        WebElement div = driver.findElement(By.id("chart-history-" + fobIndex));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", div);
        List<Number> px = (List<Number>) js.executeScript("""
            const c = window.lodestone.charts['history-' + arguments[0]];
            const d = c.getOption().series[1].data[0];
            return c.convertToPixel({seriesIndex: 1}, d.value);
            """, fobIndex);
        int w = div.getSize().getWidth();
        int h = div.getSize().getHeight();
        new Actions(driver).moveToElement(div, px.get(0).intValue() - w / 2, px.get(1).intValue() - h / 2).perform();
        int first = 0;
        while (fob.years()[first] < from) {
          first++;
        }
        String source = fob.pointSources()[first];
        int year = fob.years()[first];
        wait.until(d -> div.getText().contains("source"));
        String tip = div.getText();
        assertThat(tip).contains("fob-china").contains("source " + source).contains(year + ": ")
            .contains("basis: USD/kg, CN, fob-china").contains("USD/kg");
        Path shots = Path.of("target");
        Files.createDirectories(shots);
        Files.write(shots.resolve("dashboard-history.png"), driver.getScreenshotAs(OutputType.BYTES));

        // another group of series redraws the panel; a bad scenario name shows its problem
        js.executeScript("const s = document.getElementById('history-metric'); s.value = 'production';"
            + " s.dispatchEvent(new Event('change'))");
        long production = history.stream().filter(x -> x.metric().equals("production")).count();
        assertThat(driver.findElements(By.cssSelector("#history-charts .history-chart"))).hasSize((int) production);
        js.executeScript("const s = document.getElementById('history-scenario');"
            + " s.innerHTML += '<option value=\"no-such\">no-such</option>'; s.value = 'no-such'");
        driver.findElement(By.id("history-load")).click();
        wait.until(d -> d.findElement(By.id("history-status")).getText().contains("no scenario named `no-such`"));
        assertThat(driver.findElements(By.cssSelector("#history-charts .history-chart"))).isEmpty();
      } finally {
        driver.quit();
      }
    }
  }
}
