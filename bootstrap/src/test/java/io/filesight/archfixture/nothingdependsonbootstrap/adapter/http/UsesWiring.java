package io.filesight.archfixture.nothingdependsonbootstrap.adapter.http;

/** Fixture: breaks the rule nothingDependsOnBootstrap on purpose. */
public class UsesWiring {
  io.filesight.archfixture.nothingdependsonbootstrap.bootstrap.Wiring wiring;
}
