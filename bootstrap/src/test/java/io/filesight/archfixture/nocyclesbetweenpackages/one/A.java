package io.filesight.archfixture.nocyclesbetweenpackages.one;

/** Fixture: breaks the rule noCyclesBetweenPackages on purpose. */
public class A {
  io.filesight.archfixture.nocyclesbetweenpackages.two.B b;
}
