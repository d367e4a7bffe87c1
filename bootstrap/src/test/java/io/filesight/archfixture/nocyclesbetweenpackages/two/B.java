package io.filesight.archfixture.nocyclesbetweenpackages.two;

/** Fixture: breaks the rule noCyclesBetweenPackages on purpose. */
public class B {
  io.filesight.archfixture.nocyclesbetweenpackages.one.A a;
}
