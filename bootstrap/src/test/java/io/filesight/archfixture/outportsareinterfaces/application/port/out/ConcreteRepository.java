package io.filesight.archfixture.outportsareinterfaces.application.port.out;

/** Fixture: breaks the rule outPortsAreInterfaces on purpose. */
public class ConcreteRepository {
  int size;
}
