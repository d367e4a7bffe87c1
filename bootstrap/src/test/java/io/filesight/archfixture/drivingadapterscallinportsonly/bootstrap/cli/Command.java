package io.filesight.archfixture.drivingadapterscallinportsonly.bootstrap.cli;

/** Fixture: breaks the rule drivingAdaptersCallInPortsOnly on purpose, from the command line. */
public class Command {
  io.filesight.archfixture.drivingadapterscallinportsonly.application.port.out.Repository
      repository;
}
