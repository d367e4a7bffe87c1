package io.filesight.archfixture.drivingadapterscallinportsonly.application.service;

/** Fixture: a service the driving side must not call directly. */
public class ImportService {
  int records;
}
