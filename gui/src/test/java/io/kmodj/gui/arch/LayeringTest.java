package io.kmodj.gui.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers: grammar knows nothing of the engine or the desktop, and the engine nothing of the
 * desktop, so both run headless. Checked here because only the gui module sees every class.
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importKmodj() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kmodj");
  }

  private static int count(String packagePrefix) {
    return classes
        .that(
            describe(packagePrefix, (JavaClass c) -> c.getPackageName().startsWith(packagePrefix)))
        .size();
  }

  private static ArchRule mustNotUse(String layer, String... forbidden) {
    return noClasses()
        .that()
        .resideInAPackage(layer)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden);
  }

  @Test
  void everyLayerIsImported() {
    // an empty import would make every rule below pass vacuously
    assertThat(count("io.kmodj.grammar")).isPositive();
    assertThat(count("io.kmodj.engine")).isPositive();
    assertThat(count("io.kmodj.gui")).isPositive();
  }

  @Test
  void engineDoesNotUseJavaFxOrTheGui() {
    mustNotUse("io.kmodj.engine..", "javafx..", "io.kmodj.gui..").check(classes);
  }

  @Test
  void grammarDoesNotUseTheEngineTheGuiOrJavaFx() {
    mustNotUse("io.kmodj.grammar..", "io.kmodj.engine..", "io.kmodj.gui..", "javafx..")
        .check(classes);
  }

  @Test
  void theRulesSeeRealDependencies() {
    // the same rule shape, pointed at a layer that does use JavaFX and the grammar, must fail
    assertThat(mustNotUse("io.kmodj.gui..", "javafx..").evaluate(classes).hasViolation()).isTrue();
    assertThat(mustNotUse("io.kmodj.gui..", "io.kmodj.grammar..").evaluate(classes).hasViolation())
        .isTrue();
  }
}
