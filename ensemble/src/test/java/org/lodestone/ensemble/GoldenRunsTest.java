package org.lodestone.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.core.engine.AnnualEngine;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.results.ResultRow;
import org.lodestone.core.results.ResultVector;
import org.lodestone.core.results.TidyResults;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;

/**
 * Golden runs (MATSim's regression tests of its example scenarios): every shipped scenario run
 * deterministically, and seeded ensembles (20 draws, seed 7) of {@code base}, of every shipped
 * scenario with distributions, and of two test-only fixtures ({@code golden/golden-*.yaml}) that put a
 * distribution in each kind of place the scenario compiler binds one. Each run's results are reduced
 * to a SHA-256 and compared with {@code src/test/resources/golden/checksums.txt}.
 *
 * <p>What is hashed: for a deterministic run, every tidy results row over the scenario's whole axis,
 * {@code year,metric,stage,product,region,sector,value,unit}, with the value printed by
 * {@link Double#toString} (exact: it round-trips every double and keeps the sign of zero); for an
 * ensemble, every layout key and every draw's value as its raw IEEE-754 bits. A checksum only changes
 * when some result changes in its last bit.
 *
 * <p>The file pins refactors of the scenario compiler and the engines, which must leave every result
 * bit-identical. A deliberate change of the model or the data changes results: then regenerate the
 * file and commit it with the change, saying why in the commit message:
 *
 * <pre>
 * mvn -B -o -q -pl ensemble -am test -Dtest=GoldenRunsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlodestone.golden.update=true
 * </pre>
 *
 * (the module's working directory is {@code ensemble/}, so the file is rewritten in place).
 */
class GoldenRunsTest {
  private static final String FILE = "golden/checksums.txt";
  private static final boolean UPDATE = Boolean.getBoolean("lodestone.golden.update");
  private static final int RUNS = 20;
  private static final long SEED = 7;
  private static final List<String> FIXTURES = List.of("golden-global", "golden-regional");

  private static final Map<String, String> stored = new TreeMap<>();
  private static final Map<String, String> computed = new TreeMap<>();

  @BeforeAll
  static void readStored() throws IOException {
    try (InputStream in = GoldenRunsTest.class.getClassLoader().getResourceAsStream(FILE)) {
      if (in == null) {
        return;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] kv = line.strip().split("\\s+");
        stored.put(kv[0], kv[1]);
      }
    }
  }

  @AfterAll
  static void writeIfAsked() throws IOException {
    if (!UPDATE) {
      return;
    }
    StringBuilder b = new StringBuilder("# SHA-256 of golden runs (see GoldenRunsTest); regenerate only for a deliberate\n"
        + "# change of model or data: -Dlodestone.golden.update=true\n");
    computed.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
    Files.writeString(Path.of("src/test/resources").resolve(FILE), b.toString());
  }

  static List<String> shipped() {
    return ScenarioLoader.shippedNames();
  }

  static List<String> ensembles() {
    List<String> out = new ArrayList<>();
    for (String name : ScenarioLoader.shippedNames()) {
      if (name.equals("base") || ScenarioLoader.loadUncertain(name).dimension() > 0) {
        out.add(name);
      }
    }
    out.addAll(FIXTURES);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void deterministicRunIsBitIdentical(String name) {
    Scenario s = ScenarioLoader.load(name);
    check(name + ".run", rowsDigest(s.chain()));
    // the uncertain route's nominal scenario is the same scenario
    assertThat(rowsDigest(ScenarioLoader.loadUncertain(name).nominal().chain()))
        .as("nominal of the uncertain %s", name).isEqualTo(rowsDigest(s.chain()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ensembles")
  void seededEnsembleIsBitIdentical(String name) {
    UncertainScenario u = ScenarioLoader.loadUncertain(ref(name));
    if (FIXTURES.contains(name)) {
      check(name + ".run", rowsDigest(u.nominal().chain()));
      assertThat(u.dimension()).as("the fixture's distributions").isGreaterThan(5);
      // one route: a draw at every parameter's nominal value is the nominal scenario, bit for bit
      double[] nominalValues = u.parameters().stream().mapToDouble(p -> p.nominal()).toArray();
      assertThat(rowsDigest(u.chainWith(nominalValues))).isEqualTo(rowsDigest(u.nominal().chain()));
    }
    SupplyChain c = u.nominal().chain();
    Draws d = new LocalEngine(2).run(u, new EnsembleSpec(RUNS, SEED, c.axis().firstYear(), c.axis().lastYear()),
        ProgressListener.NONE);
    check(name + ".mc" + RUNS + ".seed" + SEED, drawsDigest(d));
    if (u.dimension() > 0) {
      // the draws really differ, so the checksum pins the draw route and not only the nominal run
      int size = d.layout().size();
      assertThat(java.util.Arrays.equals(d.values(), 0, size, d.values(), size, 2 * size)).isFalse();
    }
  }

  private static String ref(String name) {
    if (!FIXTURES.contains(name)) {
      return name;
    }
    try {
      return Path.of(GoldenRunsTest.class.getClassLoader().getResource("golden/" + name + ".yaml").toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(String key, String digest) {
    synchronized (computed) {
      computed.put(key, digest);
    }
    if (UPDATE) {
      return;
    }
    assertThat(stored).as("stored checksums (%s); regenerate with -Dlodestone.golden.update=true", FILE)
        .containsKey(key);
    assertThat(digest).as("%s: results changed; if deliberate, regenerate (see GoldenRunsTest)", key)
        .isEqualTo(stored.get(key));
  }

  static String rowsDigest(SupplyChain chain) {
    List<ResultRow> rows = TidyResults.rows(AnnualEngine.run(chain), chain.axis().firstYear(),
        chain.axis().lastYear());
    MessageDigest md = sha256();
    for (ResultRow r : rows) {
      String line = r.year() + "," + r.metric() + "," + r.stage() + "," + r.product() + "," + r.region() + ","
          + r.sector() + "," + Double.toString(r.value()) + "," + r.unit() + "\n";
      md.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String drawsDigest(Draws d) {
    MessageDigest md = sha256();
    ResultVector layout = d.layout();
    for (ResultVector.Key k : layout.keys()) {
      md.update((k.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] b = new byte[8];
    for (double v : d.values()) {
      long bits = Double.doubleToRawLongBits(v);
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (bits >>> (8 * i));
      }
      md.update(b);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
