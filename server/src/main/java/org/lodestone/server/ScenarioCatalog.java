package org.lodestone.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lodestone.core.model.Producer;
import org.lodestone.core.model.Sector;
import org.lodestone.core.model.Stage;
import org.lodestone.core.model.SupplyChain;
import org.lodestone.core.problem.InvalidInputException;
import org.lodestone.core.problem.Problem;
import org.lodestone.scenario.Scenario;
import org.lodestone.scenario.ScenarioLoader;
import org.lodestone.scenario.UncertainScenario;
import org.lodestone.scenario.yaml.Node;
import org.lodestone.scenario.yaml.YamlReader;

/**
 * The scenarios a server offers: the shipped ones and those uploaded into {@code dataDir/scenarios}.
 * Names are checked against {@link #NAME} before they touch the file system, and an uploaded scenario may
 * only descend from a shipped or another uploaded scenario, so no client input reaches a file outside the
 * data directory.
 */
final class ScenarioCatalog {
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern LOCAL_PARENT = Pattern.compile("(?:\\./)?([a-z0-9][a-z0-9-]{0,63})\\.ya?ml");

  private final Path scenariosDir;
  private final Path scratchDir;

  ScenarioCatalog(Path dataDir) throws IOException {
    this.scenariosDir = dataDir.resolve("scenarios");
    this.scratchDir = dataDir.resolve("tmp");
    Files.createDirectories(scenariosDir);
    Files.createDirectories(scratchDir);
  }

  Path scratchDir() {
    return scratchDir;
  }

  /** A scenario offered by the server. */
  record Entry(String name, String title, String description, String parent, String origin) {
  }

  List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (ScenarioLoader.Shipped s : ScenarioLoader.shipped()) {
      out.add(new Entry(s.name(), s.title(), s.description(), s.parent(), "shipped"));
    }
    try (Stream<Path> files = Files.list(scenariosDir)) {
      for (Path p : files.sorted().toList()) {
        String file = p.getFileName().toString();
        if (!file.endsWith(".yaml") || !NAME.matcher(file.substring(0, file.length() - 5)).matches()) {
          continue;
        }
        String name = file.substring(0, file.length() - 5);
        String title = "";
        String parent = "";
        try {
          if (YamlReader.read(file, Files.newBufferedReader(p, StandardCharsets.UTF_8)) instanceof Node.MapNode m) {
            title = text(m.get("title"));
            parent = text(m.get("parent"));
          }
        } catch (InvalidInputException e) {
          title = "(invalid)";
        }
        out.add(new Entry(name, title, "", parent, "uploaded"));
      }
    }
    return out;
  }

  private static String text(Node n) {
    return n instanceof Node.Scalar s && s.text() != null ? s.text().strip() : "";
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiProblem.badRequest("scenario name must match " + NAME.pattern() + " (lower-case letters, digits, dashes)");
    }
    return name;
  }

  boolean exists(String name) {
    return ScenarioLoader.isShipped(name) || Files.isRegularFile(uploadedFile(name));
  }

  private Path uploadedFile(String name) {
    Path p = scenariosDir.resolve(checkName(name) + ".yaml").normalize();
    if (!p.startsWith(scenariosDir)) {
      throw ApiProblem.badRequest("scenario name escapes the data directory");
    }
    return p;
  }

  /** The YAML text of a scenario (shipped or uploaded). */
  String content(String name) throws IOException {
    checkName(name);
    if (ScenarioLoader.isShipped(name)) {
      try (InputStream in = ScenarioLoader.class.getClassLoader()
          .getResourceAsStream(ScenarioLoader.SHIPPED + name + ".yaml")) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    Path p = uploadedFile(name);
    if (!Files.isRegularFile(p)) {
      throw ApiProblem.notFound("no scenario named `" + name + "` (GET /api/scenarios lists them)");
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** Loads a scenario by name (throws {@link InvalidInputException} or 404). */
  Scenario load(String name) {
    checkName(name);
    if (ScenarioLoader.isShipped(name)) {
      return ScenarioLoader.load(name);
    }
    if (!Files.isRegularFile(uploadedFile(name))) {
      throw ApiProblem.notFound("no scenario named `" + name + "` (GET /api/scenarios lists them)");
    }
    return ScenarioLoader.load(name + ".yaml", scenariosDir);
  }

  /**
   * Validates YAML text as it would be stored under {@code name}: its parent must be {@code none}, a
   * shipped scenario or an uploaded one; then the loader checks everything else.
   */
  Scenario validate(String name, String yaml) throws IOException {
    String file = name + ".yaml";
    String local = checkParent(file, yaml);
    // a private folder under scenarios/: the user's file name appears in messages, and a local parent
    // (an uploaded scenario beside it) is one level up
    Path dir = Files.createTempDirectory(scenariosDir, ".validate-");
    Path f = dir.resolve(file);
    try {
      Files.writeString(f, local == null ? yaml : relinkParent(yaml, local), StandardCharsets.UTF_8);
      return ScenarioLoader.load(file, dir);
    } finally {
      Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }

  private static String relinkParent(String yaml, String parent) {
    String[] lines = yaml.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].matches("\\s*parent\\s*:.*") && lines[i].contains(parent)) {
        lines[i] = lines[i].replace(parent, "../" + parent.replaceFirst("^\\./", ""));
        break;
      }
    }
    return String.join("\n", lines);
  }

  /** Checks the parent reference; returns it when it names an uploaded scenario, else null. */
  private String checkParent(String file, String yaml) {
    Node root = YamlReader.read(file, new StringReader(yaml));
    if (!(root instanceof Node.MapNode m)) {
      return null; // the loader reports it
    }
    if (m.get("parent") instanceof Node.Scalar ps && ps.text() != null) {
      String parent = ps.text().strip();
      if (parent.equals("none") || ScenarioLoader.isShipped(parent)) {
        return null;
      }
      Matcher local = LOCAL_PARENT.matcher(parent);
      if (local.matches() && Files.isRegularFile(scenariosDir.resolve(local.group(1) + ".yaml"))) {
        return parent;
      }
      throw new InvalidInputException(new Problem(file, ps.line(), ps.column(), "parent", parent,
          "on the server a parent must be `none`, a shipped scenario or an uploaded one (`NAME.yaml`)",
          "paths to other files are not allowed; GET /api/scenarios lists the names"));
    }
    return null;
  }

  /** Stores an uploaded scenario after validating it; returns it loaded. */
  Scenario upload(String name, String yaml) throws IOException {
    checkName(name);
    if (ScenarioLoader.isShipped(name)) {
      throw new ApiProblem(409, "Conflict", "`" + name + "` is a shipped scenario and cannot be replaced");
    }
    Node root = YamlReader.read(name + ".yaml", new StringReader(yaml));
    if (root instanceof Node.MapNode m && m.get("name") instanceof Node.Scalar ns && ns.text() != null
        && !ns.text().strip().equals(name)) {
      throw new InvalidInputException(new Problem(name + ".yaml", ns.line(), ns.column(), "name", ns.text().strip(),
          "must equal the name in the URL (`" + name + "`)", null));
    }
    if (root instanceof Node.MapNode m && m.get("parent") instanceof Node.Scalar ps
        && LOCAL_PARENT.matcher(ps.text() == null ? "" : ps.text().strip()).matches()
        && ps.text().strip().replaceFirst("^\\./", "").replaceFirst("\\.ya?ml$", "").equals(name)) {
      throw new InvalidInputException(new Problem(name + ".yaml", ps.line(), ps.column(), "parent", ps.text().strip(),
          "a scenario cannot descend from itself", null));
    }
    Scenario s = validate(name, yaml);
    org.lodestone.io.results.ResultsWriter.atomicWrite(uploadedFile(name),
        out -> out.write(yaml.getBytes(StandardCharsets.UTF_8)));
    return s;
  }

  /**
   * The assumptions the dashboard form can change, as a child scenario of the picked one. Every field is
   * optional ({@code null}: as in the parent).
   *
   * @param demandGrowthPct       growth of every sector's reference magnet demand after {@code demandGrowthFrom}, %/yr
   * @param demandGrowthFrom      last year that follows the parent's demand path
   * @param chinaMagnetKt         China's total magnet capacity reached in {@code chinaCapacityYear}, kt/yr
   * @param chinaCapacityYear     year of that target
   * @param scrapRecoveryPct      share of machining scrap recovered as oxide (the recycling loop), %, for
   *                             every element (it replaces base's rates by element)
   * @param exportControl         an export control by China on Dy, Tb and magnets (needs regional markets: a
   *                              global parent gets the {@code market:} block of {@code regional-markets})
   * @param exportControlSharePct share of the previous year's exports that may still leave, % (required when on)
   * @param exportControlFrom     first year of the control (default {@link #policyFrom})
   * @param exportControlTo       last year of the control (default: the scenario's last year)
   * @param priceFloorUsdPerKg    an offtake price floor for the US NdPr producers ({@link #FLOOR_PRODUCERS}), USD/kg
   * @param priceFloorFrom        first year of the floor (default {@link #policyFrom})
   * @param priceFloorTo          last year of the floor (default: the scenario's last year)
   */
  record Overrides(Double demandGrowthPct, Integer demandGrowthFrom, Double chinaMagnetKt, Integer chinaCapacityYear,
      Double scrapRecoveryPct, Boolean exportControl, Double exportControlSharePct, Integer exportControlFrom,
      Integer exportControlTo, Double priceFloorUsdPerKg, Integer priceFloorFrom, Integer priceFloorTo) {

    boolean empty() {
      return demandGrowthPct == null && chinaMagnetKt == null && scrapRecoveryPct == null
          && !Boolean.TRUE.equals(exportControl) && exportControlSharePct == null && priceFloorUsdPerKg == null;
    }
  }

  /** The producers a dashboard price floor applies to: the US NdPr chain's mine and separation plant. */
  static final List<String> FLOOR_PRODUCERS = List.of("mp-mountain-pass", "mp-separation");

  /** Default first year of a form's export control or price floor: 2026, kept inside the axis (after its first year). */
  static int policyFrom(SupplyChain chain) {
    return Math.max(Math.min(chain.axis().firstYear() + 1, chain.axis().lastYear()),
        Math.min(chain.axis().lastYear(), 2026));
  }

  /** The {@code market:} block of the shipped {@code regional-markets} scenario (regional markets with trade costs). */
  static String regionalMarketBlock() {
    String yaml;
    try (InputStream in = ScenarioLoader.class.getClassLoader()
        .getResourceAsStream(ScenarioLoader.SHIPPED + "regional-markets.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the shipped scenario regional-markets is missing");
      }
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder out = new StringBuilder();
    boolean in = false;
    for (String line : yaml.split("\n", -1)) {
      if (!in && line.startsWith("market:")) {
        in = true;
      } else if (in && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        break;
      }
      if (in) {
        out.append(line).append('\n');
      }
    }
    if (out.length() == 0) {
      throw new IllegalStateException("regional-markets.yaml has no market: block");
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static void checkYear(SupplyChain chain, String field, int year, List<Problem> problems) {
    if (!chain.axis().contains(year)) {
      problems.add(new Problem(null, 0, 0, field, String.valueOf(year), "year outside the scenario's axis "
          + chain.axis().firstYear() + ".." + chain.axis().lastYear(), null));
    }
  }

  /**
   * Writes the form's assumptions as a child scenario of {@code parentName} and returns its text; the
   * caller loads it with {@link #loadGenerated}. Values are checked here only for what the YAML cannot
   * say; the loader checks the rest with positions.
   */
  String childYaml(String parentName, Scenario parent, Overrides o) {
    List<Problem> problems = new ArrayList<>();
    SupplyChain chain = parent.chain();
    int first = chain.axis().firstYear();
    int last = chain.axis().lastYear();
    int from = o.demandGrowthFrom() == null ? Math.min(last, 2025) : o.demandGrowthFrom();
    if (o.demandGrowthPct() != null && !chain.axis().contains(from)) {
      problems.add(new Problem(null, 0, 0, "overrides.demandGrowthFrom", String.valueOf(from),
          "year outside the scenario's axis " + first + ".." + last, null));
    }
    int capYear = o.chinaCapacityYear() == null ? Math.min(last, 2030) : o.chinaCapacityYear();
    if (o.chinaMagnetKt() != null && !chain.axis().contains(capYear)) {
      problems.add(new Problem(null, 0, 0, "overrides.chinaCapacityYear", String.valueOf(capYear),
          "year outside the scenario's axis " + first + ".." + last, null));
    }
    boolean control = Boolean.TRUE.equals(o.exportControl());
    int ecFrom = o.exportControlFrom() == null ? policyFrom(chain) : o.exportControlFrom();
    int ecTo = o.exportControlTo() == null ? last : o.exportControlTo();
    if (control) {
      if (o.exportControlSharePct() == null) {
        problems.add(new Problem(null, 0, 0, "overrides.exportControlSharePct", null, "required with an export"
            + " control", "the share of the previous year's exports that may still leave China, 0-100 %"));
      }
      checkYear(chain, "overrides.exportControlFrom", ecFrom, problems);
      checkYear(chain, "overrides.exportControlTo", ecTo, problems);
      if (ecFrom > ecTo) {
        problems.add(new Problem(null, 0, 0, "overrides.exportControlFrom", String.valueOf(ecFrom),
            "must not be after exportControlTo (" + ecTo + ")", null));
      }
    } else if (o.exportControlSharePct() != null || o.exportControlFrom() != null || o.exportControlTo() != null) {
      problems.add(new Problem(null, 0, 0, "overrides.exportControl", String.valueOf(o.exportControl()),
          "the export control's share and years need `exportControl: true`", null));
    }
    int pfFrom = o.priceFloorFrom() == null ? policyFrom(chain) : o.priceFloorFrom();
    int pfTo = o.priceFloorTo() == null ? last : o.priceFloorTo();
    List<String> floorProducers = FLOOR_PRODUCERS.stream()
        .filter(id -> chain.producers().stream().anyMatch(p -> p.id().equals(id))).toList();
    if (o.priceFloorUsdPerKg() != null) {
      checkYear(chain, "overrides.priceFloorFrom", pfFrom, problems);
      checkYear(chain, "overrides.priceFloorTo", pfTo, problems);
      if (pfFrom > pfTo) {
        problems.add(new Problem(null, 0, 0, "overrides.priceFloorFrom", String.valueOf(pfFrom),
            "must not be after priceFloorTo (" + pfTo + ")", null));
      }
      if (floorProducers.isEmpty()) {
        problems.add(new Problem(null, 0, 0, "overrides.priceFloorUsdPerKg", num(o.priceFloorUsdPerKg()),
            "the scenario has none of the US NdPr producers the floor applies to (" + String.join(", ",
            FLOOR_PRODUCERS) + ")", null));
      }
    } else if (o.priceFloorFrom() != null || o.priceFloorTo() != null) {
      problems.add(new Problem(null, 0, 0, "overrides.priceFloorUsdPerKg", null,
          "the price floor's years need a floor (priceFloorUsdPerKg)", null));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    StringBuilder y = new StringBuilder();
    String parentRef = ScenarioLoader.isShipped(parentName) ? parentName
        : "../../scenarios/" + parentName + ".yaml"; // relative to the scratch folder of loadGenerated
    y.append("# Generated by the Lodestone dashboard from its assumption form.\n");
    y.append("name: ").append(parentName).append("-custom\n");
    y.append("title: \"").append(parentName).append(" with dashboard assumptions\"\n");
    y.append("parent: ").append(parentRef).append('\n');
    if (o.scrapRecoveryPct() != null) {
      y.append("magnet:\n  scrapRecovery: {value: ").append(num(o.scrapRecoveryPct()))
          .append(" %, confidence: E, method: \"dashboard assumption\"}\n");
    }
    if (o.chinaMagnetKt() != null) {
      y.append("capacityTargets:\n  - {stage: magnet, region: CN, year: ").append(capYear)
          .append(", total: ").append(num(o.chinaMagnetKt())).append(" kt, from: ")
          .append(Math.max(first, capYear - 3)).append(", confidence: E, method: \"dashboard assumption\"}\n");
    }
    if (o.demandGrowthPct() != null) {
      // every sector keeps the parent's reference demand (t magnet) up to `from`, then grows
      y.append("sectors:\n");
      for (Sector s : chain.sectors()) {
        y.append("  ").append(s.id()).append(":\n    driver: {unit: t, confidence: E, method: \"parent's reference"
            + " demand to ").append(from).append(", then dashboard growth\"");
        for (int year = first; year <= from; year++) {
          y.append(", ").append(year).append(": ").append(num(s.referenceDemandT(chain.axis().index(year))));
        }
        y.append(", growthAfter: ").append(num(o.demandGrowthPct())).append(" %/yr}\n");
        y.append("    intensity: {unit: kg/t, ").append(first).append(": 1000, confidence: E,"
            + " method: \"driver is already t of magnet\"}\n");
      }
    }
    if (control && !chain.isRegional()) {
      // export controls act between regions: clear the parent's data on regional markets
      y.append("# regional markets with trade costs, as in the shipped scenario regional-markets\n");
      y.append(regionalMarketBlock());
    }
    if (control || o.priceFloorUsdPerKg() != null) {
      y.append("events:\n");
    }
    if (control) {
      y.append("  - {type: export_control, exporter: CN, products: [Dy, Tb, magnet], from: ").append(ecFrom)
          .append(", to: ").append(ecTo).append(", cap: {value: ").append(num(o.exportControlSharePct()))
          .append(" %, confidence: E, method: \"dashboard assumption: share of the previous year's exports"
              + " that may still leave\"}}\n");
    }
    if (o.priceFloorUsdPerKg() != null) {
      y.append("  - {type: price_floor, producers: [").append(String.join(", ", floorProducers)).append("], from: ")
          .append(pfFrom).append(", to: ").append(pfTo).append(", floor: {value: ").append(num(o.priceFloorUsdPerKg()))
          .append(" USD/kg, confidence: E, method: \"dashboard assumption\"}}\n");
    }
    return y.toString();
  }

  /** Loads generated YAML (written to scratch under {@code id}) with {@code form.yaml} in messages. */
  Scenario loadGenerated(String id, String yaml) throws IOException {
    return withGenerated(id, yaml, f -> ScenarioLoader.load("form.yaml", f.getParent()));
  }

  /** Writes generated YAML to {@code form.yaml} in a scratch folder of its own, loads it, removes both. */
  private <T> T withGenerated(String id, String yaml, java.util.function.Function<Path, T> load) throws IOException {
    Path dir = scratchDir.resolve("form-" + id);
    Files.createDirectories(dir);
    Path f = dir.resolve("form.yaml");
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    try {
      return load.apply(f);
    } finally {
      Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }

  /** Loads a scenario by name with its distributions, for an ensemble (validate with {@link #load} first). */
  UncertainScenario loadUncertain(String name) {
    checkName(name);
    if (ScenarioLoader.isShipped(name)) {
      return ScenarioLoader.loadUncertain(name);
    }
    Path f = uploadedFile(name);
    if (!Files.isRegularFile(f)) {
      throw ApiProblem.notFound("no scenario named `" + name + "` (GET /api/scenarios lists them)");
    }
    return ScenarioLoader.loadUncertain(f.toString());
  }

  /** Loads generated YAML with its distributions (validate with {@link #loadGenerated} first). */
  UncertainScenario loadGeneratedUncertain(String id, String yaml) throws IOException {
    return withGenerated(id, yaml, f -> ScenarioLoader.loadUncertain(f.toString()));
  }

  /** China's total capacity of a stage in a year, t. */
  static double chinaCapacityT(SupplyChain chain, Stage stage, int year) {
    int t = chain.axis().index(year);
    int cn = chain.regionCodes().indexOf(SupplyChain.CHINA);
    double sum = 0;
    for (Producer p : chain.producers()) {
      if (p.stage() == stage && p.region() == cn) {
        sum += p.capacityT(t);
      }
    }
    return sum;
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      throw new InvalidInputException(Problem.of(null, "numbers must be finite"));
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros()
        .toPlainString().toLowerCase(Locale.ROOT);
  }
}
