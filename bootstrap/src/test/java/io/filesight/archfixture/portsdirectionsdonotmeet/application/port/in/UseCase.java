package io.filesight.archfixture.portsdirectionsdonotmeet.application.port.in;

/** Fixture: breaks the rule portsDirectionsDoNotMeet on purpose. */
public class UseCase {
  io.filesight.archfixture.portsdirectionsdonotmeet.application.port.out.Repository repository;
}
