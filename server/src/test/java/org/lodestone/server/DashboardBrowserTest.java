package org.lodestone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian {@code chromium} + {@code chromium-driver}; {@code .ci/run}
 * installs them): loads the page, runs the base scenario, runs it again with changed assumptions, and checks
 * that every chart holds data (non-empty series, axis names), not only that the page loaded. Screenshots go
 * to {@code target/}.
 */
class DashboardBrowserTest {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path dir;

  /** Skips the test where Debian's chromium and chromium-driver are not installed. */
  static void assumeChromium() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "needs Debian chromium and chromium-driver (apt-get install chromium chromium-driver)");
  }

  /** Headless Chromium with the flags of STACK.md, a fresh profile under {@code dir}, a window of the given size. */
  /** Uploads {@link EnsembleAndPolicyApiTest#UNCERTAIN} as scenario {@code unc} (one distribution). */
  static void uploadUncertain(LodestoneServer server) throws Exception {
    java.net.http.HttpResponse<String> up = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.app().port()
            + "/api/scenarios/unc")).PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
            EnsembleAndPolicyApiTest.UNCERTAIN)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
  }

  static ChromeDriver chrome(Path dir, int width, int height) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + dir.resolve("chrome-profile"), "--window-size=" + width + "," + height);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, o);
    driver.manage().window().setSize(new Dimension(width, height));
    return driver;
  }

  @SuppressWarnings("unchecked")
  @Test
  void runsTheBaseScenarioAndDrawsEveryChart() throws Exception {
    assumeChromium();
    ServerConfig cfg = ServerConfig.defaults(dir.resolve("data")).withDbFile(dir.resolve("b.duckdb")).withHost("127.0.0.1", 0);
    try (LodestoneServer server = LodestoneServer.create(cfg).start()) {
      uploadUncertain(server); // a scenario with one distribution, for an ensemble run at the end
      ChromeDriver driver = chrome(dir, 1440, 1150);
      try {
        JavascriptExecutor js = driver;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get("http://127.0.0.1:" + server.app().port() + "/");
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("return window.lodestone && window.lodestone.ready")));
        assertThat(driver.findElement(By.id("health")).getText()).startsWith("server ok");
        assertThat(driver.findElement(By.id("exportControl")).isEnabled()).isTrue();
        assertThat(driver.findElement(By.id("priceFloor")).isEnabled()).isTrue();
        assertThat(driver.findElement(By.id("exportControlFrom")).getAttribute("value")).isEqualTo("2026");

        // run the base scenario as it is
        driver.findElement(By.id("run")).click();
        // the status reads "done: ..." from the run's event stream before the page has loaded the results and
        // enabled the button again: a click then would be lost
        wait.until(d -> d.findElement(By.id("run-status")).getText().startsWith("done")
            && d.findElement(By.id("run")).isEnabled());
        // and again with a faster demand growth, so the comparison has two runs
        driver.findElement(By.id("demandGrowthPct")).sendKeys("9");
        driver.findElement(By.id("run")).click();
        wait.until(d -> d.findElement(By.id("run-status")).getText().startsWith("done")
            && d.findElement(By.id("run")).isEnabled()
            && !"".equals(js.executeScript("return document.getElementById('run-b').value")));
        Thread.sleep(300);

        String probe = """
            const c = window.lodestone.charts[arguments[0]];
            const o = c.getOption();
            const series = (o.series || []).map(s => ({type: s.type, name: s.name,
              points: s.type === 'sankey' ? (s.links || []).length : (s.data || []).filter(v => v != null && v !== '-').length,
              nodes: s.type === 'sankey' ? (s.data || []).length : 0}));
            return {series, x: ((o.xAxis || [])[0] || {}).name || '', y: ((o.yAxis || [])[0] || {}).name || '',
              title: ((o.title || [])[0] || {}).text || '', labels: ((o.xAxis || [])[0] || {}).data ? o.xAxis[0].data.length : 0};
            """;
        for (String name : List.of("balance", "prices", "share", "hhi", "compare")) {
          Map<String, Object> info = (Map<String, Object>) js.executeScript(probe, name);
          List<Map<String, Object>> series = (List<Map<String, Object>>) info.get("series");
          assertThat(series).as(name).isNotEmpty();
          assertThat(series).as(name + " has data").allMatch(s -> ((Number) s.get("points")).intValue() > 0);
          assertThat((String) info.get("x")).as(name + " x axis").isEqualTo("year");
          assertThat((String) info.get("y")).as(name + " y axis").isNotBlank();
          assertThat(((Number) info.get("labels")).intValue()).as(name + " axis labels").isEqualTo(26);
        }
        Map<String, Object> prices = (Map<String, Object>) js.executeScript(probe, "prices");
        assertThat((String) prices.get("y")).contains("USD/kg");
        assertThat((List<Map<String, Object>>) prices.get("series")).extracting(s -> (String) s.get("name"))
            .contains("magnet (world)", "NdPr oxide (world)");
        Map<String, Object> balance = (Map<String, Object>) js.executeScript(probe, "balance");
        assertThat((List<Map<String, Object>>) balance.get("series")).extracting(s -> (String) s.get("name"))
            .contains("production", "demand", "unserved");
        Map<String, Object> compare = (Map<String, Object>) js.executeScript(probe, "compare");
        assertThat((List<Map<String, Object>>) compare.get("series")).hasSize(3);
        Map<String, Object> sankey = (Map<String, Object>) js.executeScript(probe, "sankey");
        Map<String, Object> flows = ((List<Map<String, Object>>) sankey.get("series")).get(0);
        assertThat(((Number) flows.get("points")).intValue()).isGreaterThan(15);
        assertThat(((Number) flows.get("nodes")).intValue()).isGreaterThan(15);
        assertThat((String) sankey.get("title")).startsWith("2030");
        Map<String, Object> margins = (Map<String, Object>) js.executeScript(probe, "margins");
        assertThat((List<Map<String, Object>>) margins.get("series")).as("margins").isNotEmpty()
            .allMatch(s -> ((Number) s.get("points")).intValue() > 0);
        // the base scenario's responses: substitution from the late 2020s and capacity started
        Map<String, Object> responses = (Map<String, Object>) js.executeScript(probe, "responses");
        assertThat((String) responses.get("y")).contains("t/yr");
        assertThat((List<Map<String, Object>>) responses.get("series")).extracting(x -> (String) x.get("name"))
            .contains("magnets substituted (magnet-free)", "mining capacity started");
        assertThat((List<Map<String, Object>>) responses.get("series")).allMatch(x -> ((Number) x.get("points")).intValue() > 0);
        // something was actually painted on each canvas
        for (String id : List.of("balance", "prices", "sankey", "share", "hhi", "responses", "compare")) {
          Boolean painted = (Boolean) js.executeScript("""
              const cv = document.querySelector('#chart-' + arguments[0] + ' canvas');
              const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
              for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false;""", id);
          assertThat(painted).as(id + " painted").isTrue();
        }
        assertThat(driver.findElements(By.cssSelector("#downloads a"))).extracting(e -> e.getText())
            .containsExactly("csv", "json", "parquet", "xlsx");

        Path shots = Path.of("target");
        Files.createDirectories(shots);
        Files.write(shots.resolve("dashboard.png"), driver.getScreenshotAs(OutputType.BYTES));
        js.executeScript("document.getElementById('balance-product').value='NdPr';"
            + "document.getElementById('balance-product').dispatchEvent(new Event('change'))");
        Files.write(shots.resolve("dashboard-ndpr.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

        // an ensemble: the price chart draws p05-p95 bands from the stored percentile rows
        js.executeScript("document.getElementById('scenario').value='unc';"
            + "document.getElementById('scenario').dispatchEvent(new Event('change'))");
        Thread.sleep(500); // the scenario's form defaults load
        driver.findElement(By.id("demandGrowthPct")).clear();
        driver.findElement(By.id("draws")).clear();
        driver.findElement(By.id("draws")).sendKeys("20");
        driver.findElement(By.id("run")).click();
        wait.until(d -> d.findElement(By.id("run-status")).getText().contains("20 draws"));
        // the charts redraw after the status line: wait until the bands are there (or time out)
        wait.until(d -> {
          Map<String, Object> m = (Map<String, Object>) js.executeScript(probe, "prices");
          return ((List<Map<String, Object>>) m.get("series")).stream()
              .anyMatch(x -> ((String) x.get("name")).endsWith("p05–p95"));
        });
        Map<String, Object> bands = (Map<String, Object>) js.executeScript(probe, "prices");
        List<Map<String, Object>> bandSeries = ((List<Map<String, Object>>) bands.get("series")).stream()
            .filter(x -> ((String) x.get("name")).endsWith("p05–p95")).toList();
        assertThat(bandSeries).isNotEmpty();
        assertThat(bandSeries).allMatch(x -> ((Number) x.get("points")).intValue() == 26);
        Files.write(shots.resolve("dashboard-ensemble.png"), driver.getScreenshotAs(OutputType.BYTES));
      } finally {
        driver.quit();
      }
    }
  }
}
