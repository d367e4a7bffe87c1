package io.filesight.archfixture.noimplordtoorportnames.adapter.persistence;

/** Fixture: breaks the rule noImplOrDtoOrPortNames on purpose. */
public class MachineRepositoryImpl {
  int rows;
}
