package org.lodestone.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/**
 * The science never touches files, formats or frameworks (STYLE.md, "Our layout"; Orekit checks its
 * layering the same way). Runs over core's main classes only; the rules between modules are in the
 * spark module's {@code ModuleLayeringTest}, the one module that sees all the others.
 */
class LayeringTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.lodestone.core");

  /**
   * An allow-list, so a new I/O, YAML, JSON, CLI, HTTP, database or Spark library cannot slip in by a
   * name nobody thought to forbid. From java.io only {@code Serializable} (Spark ships records to its
   * tasks); no files, streams, readers or writers; nothing from java.nio (files, channels), java.net,
   * java.sql or java.util.logging.
   */
  @Test
  void coreUsesTheJdkCoreAndMathLibrariesOnly() {
    DescribedPredicate<JavaClass> serializable =
        DescribedPredicate.describe("java.io.Serializable", c -> c.isEquivalentTo(java.io.Serializable.class));
    DescribedPredicate<JavaClass> allowedPackage = JavaClass.Predicates.resideInAnyPackage(
        "org.lodestone.core..", "java.lang..", "java.math..", "java.text..", "java.time..",
        "org.hipparchus..", "org.ojalgo..")
        .or(JavaClass.Predicates.resideInAPackage("java.util.."))
        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("java.util.logging..")));
    classes().should().onlyDependOnClassesThat(allowedPackage.or(serializable))
        .because("core is the science: no files, no JSON or YAML, no CLI, HTTP, database or Spark")
        .check(CORE);
  }

  @Test
  void coreNamesNoFormatOrFrameworkLibrary() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "com.fasterxml..", "org.yaml..", "org.snakeyaml..", "picocli..", "io.javalin..", "org.duckdb..",
            "org.apache.spark..", "scala..", "org.dhatim..", "java.nio.file..", "java.net..", "java.sql..")
        .check(CORE);
  }

  @Test
  void corePrintsNothing() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CORE);
  }

  @Test
  void theModelDoesNotKnowTheEngineOrItsResults() {
    noClasses().that().resideInAPackage("org.lodestone.core.model..")
        .should().dependOnClassesThat().resideInAnyPackage("org.lodestone.core.engine..", "org.lodestone.core.results..")
        .because("the model is the input; the engine runs it and the results describe the run")
        .check(CORE);
  }

  @Test
  void corePackagesAreFreeOfCycles() {
    slices().matching("org.lodestone.core.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
