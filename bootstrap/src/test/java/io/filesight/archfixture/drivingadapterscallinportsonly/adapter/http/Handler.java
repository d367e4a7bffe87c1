package io.filesight.archfixture.drivingadapterscallinportsonly.adapter.http;

/** Fixture: breaks the rule drivingAdaptersCallInPortsOnly on purpose. */
public class Handler {
  io.filesight.archfixture.drivingadapterscallinportsonly.application.port.out.Repository
      repository;
}
