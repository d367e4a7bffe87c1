package io.filesight.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering of DESIGN.md section 2 as ArchUnit rules over a root package, so the same rules run
 * against the product ({@code io.filesight}) and against fixtures built to break each of them.
 */
final class ArchitectureRules {
  private final String root;

  ArchitectureRules(String root) {
    this.root = root;
  }

  private String pkg(String layer) {
    return root + "." + layer + "..";
  }

  /** Every rule, by name, for the product test and the fixture test. */
  List<NamedRule> all() {
    return List.of(
        new NamedRule("domainDependsOnlyOnItselfAndTheJdk", domainDependsOnlyOnItselfAndTheJdk()),
        new NamedRule(
            "applicationDependsOnlyOnDomainAndTheJdk", applicationDependsOnlyOnDomainAndTheJdk()),
        new NamedRule("adaptersAreIndependent", adaptersAreIndependent()),
        new NamedRule("nothingDependsOnBootstrap", nothingDependsOnBootstrap()),
        new NamedRule("noCyclesBetweenPackages", noCyclesBetweenPackages()),
        new NamedRule("drivingAdaptersCallInPortsOnly", drivingAdaptersCallInPortsOnly()),
        new NamedRule(
            "commandLineReachesDataThroughInPortsOnly", commandLineReachesDataThroughInPortsOnly()),
        new NamedRule("cacheDependsOnlyOnTheJdk", cacheDependsOnlyOnTheJdk()),
        new NamedRule("outPortsAreInterfaces", outPortsAreInterfaces()),
        new NamedRule("portsDirectionsDoNotMeet", portsDirectionsDoNotMeet()),
        new NamedRule("httpFrameworksStayInAdapterHttp", httpFrameworksStayInAdapterHttp()),
        new NamedRule("jacksonCoreStaysInItsAdapters", jacksonCoreStaysInItsAdapters()),
        new NamedRule("sqlStaysInAdapterPersistence", sqlStaysInAdapterPersistence()),
        new NamedRule("tokenLibraryStaysInAdapterAuth", tokenLibraryStaysInAdapterAuth()),
        new NamedRule("wiringLibrariesStayInBootstrap", wiringLibrariesStayInBootstrap()),
        new NamedRule("noDiAnnotationsInTheCore", noDiAnnotationsInTheCore()),
        new NamedRule("noImplOrDtoOrPortNames", noImplOrDtoOrPortNames()),
        new NamedRule("servicesEndInService", servicesEndInService()),
        new NamedRule("httpShapesEndInJson", httpShapesEndInJson()),
        new NamedRule("everyClassIsInALayer", everyClassIsInALayer()));
  }

  ArchRule domainDependsOnlyOnItselfAndTheJdk() {
    return classes()
        .that()
        .resideInAPackage(pkg("domain"))
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(pkg("domain"), "java..")
        .because("the domain is plain Java (DESIGN.md section 2)");
  }

  ArchRule applicationDependsOnlyOnDomainAndTheJdk() {
    return classes()
        .that()
        .resideInAPackage(pkg("application"))
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(pkg("application"), pkg("domain"), "java..")
        .because("use cases know the domain and nothing of frameworks");
  }

  ArchRule adaptersAreIndependent() {
    return slices()
        .matching(root + ".adapter.(*)..")
        .should()
        .notDependOnEachOther()
        .because("adapters meet only through the ports");
  }

  ArchRule nothingDependsOnBootstrap() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(pkg("bootstrap"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg("bootstrap"))
        .because("bootstrap wires everything and nothing may reach back into it");
  }

  ArchRule noCyclesBetweenPackages() {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }

  ArchRule drivingAdaptersCallInPortsOnly() {
    DescribedPredicate<JavaClass> outPortsAndServices =
        new DescribedPredicate<>("out-ports or services (an out-port's exception aside)") {
          @Override
          public boolean test(JavaClass c) {
            boolean outPort = c.getPackageName().startsWith(root + ".application.port.out");
            boolean service = c.getPackageName().startsWith(root + ".application.service");
            // A store that cannot answer reaches the caller as 503: the HTTP adapter names the
            // out-port's exception to map it, and reaches no data through it.
            return service || (outPort && !c.isAssignableTo(Throwable.class));
          }
        };
    return noClasses()
        .that()
        .resideInAnyPackage(pkg("adapter.http"), pkg("adapter.imports"), pkg("bootstrap.cli"))
        .should()
        .dependOnClassesThat(outPortsAndServices)
        .because(
            "driving code (the HTTP and import adapters, the command line) calls the use cases"
                + " through their in-ports");
  }

  ArchRule commandLineReachesDataThroughInPortsOnly() {
    return noClasses()
        .that()
        .resideInAPackage(pkg("bootstrap.cli"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg("adapter.persistence"), pkg("adapter.imports"))
        .because(
            "the command line imports, generates and serves through bootstrap's lifecycle facades,"
                + " which wire the adapters; only development tools use adapter-auth directly");
  }

  ArchRule cacheDependsOnlyOnTheJdk() {
    return classes()
        .that()
        .resideInAPackage(pkg("cache"))
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(pkg("cache"), "java..")
        .because("the cache that adapters share is framework-free (DESIGN.md section 2)");
  }

  ArchRule outPortsAreInterfaces() {
    DescribedPredicate<JavaClass> value =
        new DescribedPredicate<>("records, enums or exceptions") {
          @Override
          public boolean test(JavaClass c) {
            return c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class);
          }
        };
    return classes()
        .that()
        .resideInAPackage(pkg("application.port.out"))
        .and()
        .areTopLevelClasses()
        .and(not(value))
        .should()
        .beInterfaces()
        .because("out-ports are roles that adapters play");
  }

  ArchRule portsDirectionsDoNotMeet() {
    return noClasses()
        .that()
        .resideInAPackage(pkg("application.port.in"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg("application.port.out"))
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage(pkg("application.service"));
  }

  ArchRule httpFrameworksStayInAdapterHttp() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(pkg("adapter.http"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.javalin..",
            "com.fasterxml.jackson.databind..",
            "com.fasterxml.jackson.annotation..",
            "com.fasterxml.jackson.datatype..",
            "org.eclipse.jetty..",
            "io.micrometer..")
        .because("Javalin, Jackson databind, Jetty and Micrometer belong to adapter-http");
  }

  ArchRule jacksonCoreStaysInItsAdapters() {
    return noClasses()
        .that()
        .resideOutsideOfPackages(
            pkg("adapter.http"), pkg("adapter.imports"), pkg("adapter.persistence"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson.core..")
        .because(
            "jackson-core writes answers (http), reads exports (imports) and JSON columns"
                + " (persistence), nothing else");
  }

  ArchRule sqlStaysInAdapterPersistence() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(pkg("adapter.persistence"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.jdbi..",
            "java.sql..",
            "javax.sql..",
            "org.sqlite..",
            "org.postgresql..",
            "org.flywaydb..",
            "com.zaxxer..")
        .because("Jdbi, JDBC and its drivers belong to adapter-persistence");
  }

  ArchRule tokenLibraryStaysInAdapterAuth() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(pkg("adapter.auth"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.nimbusds..")
        .because("the JWT library belongs to adapter-auth");
  }

  ArchRule wiringLibrariesStayInBootstrap() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(pkg("bootstrap"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.google.inject..",
            "jakarta.inject..",
            "javax.inject..",
            "picocli..",
            "ch.qos.logback..")
        .because("Guice, picocli and logback belong to bootstrap");
  }

  ArchRule noDiAnnotationsInTheCore() {
    return noClasses()
        .that()
        .resideInAnyPackage(pkg("domain"), pkg("application"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
        .because("bootstrap wires the core with @Provides methods");
  }

  ArchRule noImplOrDtoOrPortNames() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .haveSimpleNameEndingWith("Impl")
        .orShould()
        .haveSimpleNameEndingWith("Dto")
        .orShould()
        .haveSimpleNameEndingWith("DTO")
        .orShould()
        .haveSimpleNameEndingWith("Port")
        .because("STYLE.md: name by role, not by pattern");
  }

  ArchRule servicesEndInService() {
    return classes()
        .that()
        .resideInAPackage(pkg("application.service"))
        .and()
        .areTopLevelClasses()
        .and()
        .doNotHaveModifier(JavaModifier.ABSTRACT)
        .and()
        .areNotInterfaces()
        .should()
        .haveSimpleNameEndingWith("Service");
  }

  ArchRule httpShapesEndInJson() {
    return noClasses()
        .that()
        .resideInAPackage(pkg("adapter.http"))
        .should()
        .haveSimpleNameEndingWith("Body")
        .orShould()
        .haveSimpleNameEndingWith("Payload")
        .orShould()
        .haveSimpleNameEndingWith("Response")
        .orShould()
        .haveSimpleNameEndingWith("Request")
        .because("HTTP shapes are named ...Json (STYLE.md)");
  }

  ArchRule everyClassIsInALayer() {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .resideInAnyPackage(
            pkg("domain"),
            pkg("application.port.in"),
            pkg("application.port.out"),
            pkg("application.service"),
            pkg("cache"),
            pkg("adapter.http"),
            pkg("adapter.imports"),
            pkg("adapter.persistence"),
            pkg("adapter.auth"),
            pkg("bootstrap"))
        .because("every class belongs to a declared layer");
  }

  /** A rule with the name the fixtures are filed under. */
  record NamedRule(String name, ArchRule rule) {}
}
