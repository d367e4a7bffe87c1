package io.filesight.archfixture.nothingdependsonbootstrap.bootstrap;

/** Fixture: breaks the rule nothingDependsOnBootstrap on purpose. */
public class Wiring {
  int modules;
}
