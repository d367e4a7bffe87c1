package io.filesight.archfixture.drivingadapterscallinportsonly.adapter.imports;

/** Fixture: breaks the rule drivingAdaptersCallInPortsOnly on purpose, from the import adapter. */
public class Reader {
  io.filesight.archfixture.drivingadapterscallinportsonly.application.service.ImportService service;
}
