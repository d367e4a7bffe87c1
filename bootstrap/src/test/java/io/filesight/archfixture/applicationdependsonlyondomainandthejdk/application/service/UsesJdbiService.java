package io.filesight.archfixture.applicationdependsonlyondomainandthejdk.application.service;

/** Fixture: breaks the rule applicationDependsOnlyOnDomainAndTheJdk on purpose. */
public class UsesJdbiService {
  org.jdbi.v3.core.Jdbi jdbi;
}
