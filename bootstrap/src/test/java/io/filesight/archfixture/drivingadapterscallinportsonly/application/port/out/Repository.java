package io.filesight.archfixture.drivingadapterscallinportsonly.application.port.out;

/** Fixture: breaks the rule drivingAdaptersCallInPortsOnly on purpose. */
public class Repository {
  int size;
}
