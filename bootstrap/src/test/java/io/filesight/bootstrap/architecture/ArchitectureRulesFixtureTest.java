package io.filesight.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every architecture rule reports the fixture built to break it, so no rule can pass vacuously.
 * Fixtures live in {@code io.filesight.archfixture.<rule name in lowercase>}, laid out like the
 * product under that root.
 */
class ArchitectureRulesFixtureTest {

  @Test
  void theDrivingSideRuleCoversTheHttpAdapterTheImportAdapterAndTheCommandLine() {
    String root = "io.filesight.archfixture.drivingadapterscallinportsonly";
    EvaluationResult result =
        new ArchitectureRules(root)
            .drivingAdaptersCallInPortsOnly()
            .evaluate(new ClassFileImporter().importPackages(root));

    assertThat(result.getFailureReport().toString())
        .contains(root + ".adapter.http.Handler")
        .contains(root + ".adapter.imports.Reader")
        .contains(root + ".bootstrap.cli.Command");
  }

  @TestFactory
  Stream<DynamicTest> everyRuleReportsItsViolatingFixture() {
    return new ArchitectureRules("unused")
        .all().stream()
            .map(
                named ->
                    DynamicTest.dynamicTest(
                        named.name(),
                        () -> {
                          String root =
                              "io.filesight.archfixture." + named.name().toLowerCase(Locale.ROOT);
                          JavaClasses fixture = new ClassFileImporter().importPackages(root);
                          assertThat(fixture).as("fixture classes under %s", root).isNotEmpty();

                          EvaluationResult result =
                              new ArchitectureRules(root)
                                  .all().stream()
                                      .filter(r -> r.name().equals(named.name()))
                                      .findFirst()
                                      .orElseThrow()
                                      .rule()
                                      .evaluate(fixture);

                          assertThat(result.hasViolation())
                              .as("rule %s reports its fixture", named.name())
                              .isTrue();
                          assertThat(result.getFailureReport().toString()).contains(root);
                        }));
  }
}
