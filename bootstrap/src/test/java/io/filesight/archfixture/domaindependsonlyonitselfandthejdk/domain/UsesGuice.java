package io.filesight.archfixture.domaindependsonlyonitselfandthejdk.domain;

/** Fixture: breaks the rule domainDependsOnlyOnItselfAndTheJdk on purpose. */
public class UsesGuice {
  com.google.inject.Injector injector;
}
