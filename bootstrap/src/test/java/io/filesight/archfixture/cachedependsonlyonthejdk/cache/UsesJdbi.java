package io.filesight.archfixture.cachedependsonlyonthejdk.cache;

/** Fixture: breaks the rule cacheDependsOnlyOnTheJdk on purpose. */
public class UsesJdbi {
  org.jdbi.v3.core.Jdbi jdbi;
}
