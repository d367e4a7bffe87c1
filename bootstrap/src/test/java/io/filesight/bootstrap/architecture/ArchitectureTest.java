package io.filesight.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The product obeys every layering rule of DESIGN.md section 2. */
class ArchitectureTest {
  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");
  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
            // Other modules' test jars (their test fixtures, e.g. the embedded PostgreSQL).
            .withImportOption(location -> !location.matches(TEST_JAR))
            .importPackages("io.filesight");
  }

  @Test
  void everyModuleIsOnTheClasspath() {
    // The rules below would pass vacuously if a layer were missing from the import.
    for (String layer :
        new String[] {
          "domain",
          "cache",
          "application.port.in",
          "application.port.out",
          "application.service",
          "adapter.http",
          "adapter.imports",
          "adapter.persistence",
          "adapter.auth",
          "bootstrap.cli",
          "bootstrap"
        }) {
      assertThat(
              product.stream()
                  .anyMatch(c -> c.getPackageName().startsWith("io.filesight." + layer)))
          .as("classes in io.filesight.%s", layer)
          .isTrue();
    }
  }

  @TestFactory
  Stream<DynamicTest> productObeysEveryRule() {
    return new ArchitectureRules("io.filesight")
        .all().stream()
            .map(named -> DynamicTest.dynamicTest(named.name(), () -> named.rule().check(product)));
  }
}
