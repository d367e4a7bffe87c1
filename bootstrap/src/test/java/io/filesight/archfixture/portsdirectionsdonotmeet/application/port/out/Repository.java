package io.filesight.archfixture.portsdirectionsdonotmeet.application.port.out;

/** Fixture: breaks the rule portsDirectionsDoNotMeet on purpose. */
public class Repository {
  int size;
}
