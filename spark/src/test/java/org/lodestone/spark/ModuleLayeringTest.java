package org.lodestone.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The modules' layering (STYLE.md, "Our layout"), checked over every module's main classes. It lives in
 * spark because spark is the one module whose class path holds all the others (bench aside, which
 * nothing depends on). Core's own rules (no I/O, model below engine) are core's {@code LayeringTest}.
 *
 * <pre>
 *   spark
 *   cli
 *   server
 *   store    ensemble
 *   io       scenario
 *   core
 * </pre>
 */
class ModuleLayeringTest {
  static final JavaClasses ALL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // the other modules are class folders in `mvn test` and jars from `package` on (`mvn verify`)
      .importPackages("org.lodestone");

  @Test
  void theClassesOfEveryModuleWereFound() {
    for (String p : new String[] {"core", "scenario", "io", "store", "ensemble", "server", "cli", "spark"}) {
      org.assertj.core.api.Assertions.assertThat(ALL.stream().anyMatch(c -> c.getPackageName().startsWith("org.lodestone." + p)))
          .as(p).isTrue();
    }
  }

  @Test
  void noModuleImportsALayerAboveIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("core").definedBy("org.lodestone.core..")
        .layer("scenario").definedBy("org.lodestone.scenario..")
        .layer("io").definedBy("org.lodestone.io..")
        .layer("store").definedBy("org.lodestone.store..")
        .layer("ensemble").definedBy("org.lodestone.ensemble..")
        .layer("server").definedBy("org.lodestone.server..")
        .layer("cli").definedBy("org.lodestone.cli..")
        .layer("spark").definedBy("org.lodestone.spark..")
        .whereLayer("spark").mayNotBeAccessedByAnyLayer()
        .whereLayer("cli").mayOnlyBeAccessedByLayers("spark")
        .whereLayer("server").mayOnlyBeAccessedByLayers("cli", "spark")
        .whereLayer("store").mayOnlyBeAccessedByLayers("server", "cli", "spark")
        .whereLayer("ensemble").mayOnlyBeAccessedByLayers("server", "cli", "spark")
        .whereLayer("io").mayOnlyBeAccessedByLayers("store", "server", "cli", "spark")
        .whereLayer("scenario").mayOnlyBeAccessedByLayers("ensemble", "server", "cli", "spark")
        .check(ALL);
  }

  @Test
  void scenarioReadsScenariosAndNothingElse() {
    noClasses().that().resideInAPackage("org.lodestone.scenario..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.lodestone.io..", "org.lodestone.store..", "org.lodestone.server..", "org.lodestone.cli..")
        .check(ALL);
  }

  @Test
  void eachFrameworkStaysInItsModule() {
    noClasses().that().resideOutsideOfPackage("org.lodestone.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", "org.dhatim..").check(ALL);
    noClasses().that().resideOutsideOfPackage("org.lodestone.server..")
        .should().dependOnClassesThat().resideInAPackage("io.javalin..").check(ALL);
    noClasses().that().resideOutsideOfPackage("org.lodestone.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..").check(ALL);
    noClasses().that().resideOutsideOfPackages("org.lodestone.cli..", "org.lodestone.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("picocli..", "me.tongfei..").check(ALL);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.lodestone.(**)").should().beFreeOfCycles().check(ALL);
  }
}
