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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Exposure panel in headless Chromium: a bad buyer file shows its positioned problems; an
 * uploaded buyer file computes needs, supply at risk and costs (chart with data, table), with draws the cost
 * bands; CSV and xlsx downloads arrive. Screenshot in {@code target/dashboard-exposure.png}.
 */
class ExposureBrowserTest {
  @TempDir
  Path dir;

  @SuppressWarnings("unchecked")
  @Test
  void computesAndExportsABuyersExposure() throws Exception {
    DashboardBrowserTest.assumeChromium();
    ServerConfig cfg = ServerConfig.defaults(dir.resolve("data")).withDbFile(dir.resolve("x.duckdb")).withHost("127.0.0.1", 0);
    try (LodestoneServer server = LodestoneServer.create(cfg).start()) {
      DashboardBrowserTest.uploadUncertain(server);
      Path buyer = dir.resolve("buyer.yaml");
      Files.writeString(buyer, ExposureApiTest.BUYER);
      ChromeDriver driver = DashboardBrowserTest.chrome(dir, 1440, 1800);
      try {
        JavascriptExecutor js = driver;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get("http://127.0.0.1:" + server.app().port() + "/");
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("return window.lodestone && window.lodestone.ready")));

        // a bad buyer file, pasted: the positioned problems are shown, nothing is drawn
        js.executeScript("document.getElementById('buyer-text').value = arguments[0]",
            ExposureApiTest.BUYER.replace("ev-traction", "ev-tracton"));
        driver.findElement(By.id("exposure-run")).click();
        wait.until(d -> d.findElement(By.id("exposure-status")).getText().contains("buyer.yaml:5"));
        assertThat(driver.findElement(By.id("exposure-status")).getText()).contains("did you mean `ev-traction`?");
        assertThat(driver.findElement(By.id("exposure-csv")).isEnabled()).isFalse();

        // the same file uploaded, fixed: needs, supply at risk and costs
        driver.findElement(By.id("buyer-file")).sendKeys(buyer.toString());
        wait.until(d -> String.valueOf(js.executeScript("return document.getElementById('buyer-text').value")).contains("ev-traction"));
        driver.findElement(By.id("exposure-run")).click();
        wait.until(d -> d.findElement(By.id("exposure-status")).getText().contains("nominal run"));
        String probe = """
            const o = window.lodestone.charts.exposure.getOption();
            return (o.series || []).map(s => ({name: s.name, points: (s.data || []).filter(v => v != null).length}));
            """;
        List<Map<String, Object>> series = (List<Map<String, Object>>) js.executeScript(probe);
        assertThat(series).extracting(s -> (String) s.get("name"))
            .contains("magnets needed (t)", "supply at risk (t)", "cost at market (USD m)", "cost with contracts (USD m)");
        assertThat(series).allMatch(s -> ((Number) s.get("points")).intValue() == 26);
        String table = driver.findElement(By.id("exposure-table")).getText();
        assertThat(table).contains("magnets needed (t)", "supply at risk (t)", "cost with contracts (USD m)", "2030");

        // exports
        driver.findElement(By.id("exposure-csv")).click();
        wait.until(d -> js.executeScript("return window.lodestone.state.exposureDownload") != null);
        Map<String, Object> csv = (Map<String, Object>) js.executeScript("return window.lodestone.state.exposureDownload");
        assertThat((String) csv.get("type")).startsWith("text/csv");
        assertThat(((Number) csv.get("size")).intValue()).isGreaterThan(1000);
        driver.findElement(By.id("exposure-xlsx")).click();
        wait.until(d -> "xlsx".equals(js.executeScript("return (window.lodestone.state.exposureDownload || {}).format")));
        Map<String, Object> xlsx = (Map<String, Object>) js.executeScript("return window.lodestone.state.exposureDownload");
        assertThat((String) xlsx.get("type")).contains("spreadsheetml");
        assertThat(((Number) xlsx.get("size")).intValue()).isGreaterThan(1000);

        // with draws over an uncertain scenario: cost bands
        js.executeScript("document.getElementById('exposure-scenario').value='unc'");
        driver.findElement(By.id("exposure-draws")).clear();
        driver.findElement(By.id("exposure-draws")).sendKeys("10");
        driver.findElement(By.id("exposure-run")).click();
        wait.until(d -> d.findElement(By.id("exposure-status")).getText().contains("10 draws"));
        List<Map<String, Object>> bands = (List<Map<String, Object>>) js.executeScript(probe);
        assertThat(bands).extracting(s -> (String) s.get("name")).contains("cost p50 (USD m)", "cost p95 (USD m)", "shortfall p95 (t)");
        assertThat(driver.findElement(By.id("exposure-table")).getText()).contains("P(shortfall)");
        assertThat(driver.findElement(By.id("exposure-status")).getText()).contains("P(shortfall)");
        Path shots = Path.of("target");
        Files.createDirectories(shots);
        js.executeScript("document.getElementById('exposure-card').scrollIntoView()");
        Files.write(shots.resolve("dashboard-exposure.png"), driver.getScreenshotAs(OutputType.BYTES));
      } finally {
        driver.quit();
      }
    }
  }
}
