package io.filesight.archfixture.commandlinereachesdatathroughinportsonly.bootstrap.cli;

/**
 * Fixture: breaks the rule commandLineReachesDataThroughInPortsOnly on purpose, as the import
 * command once did by building the SQLite importer itself.
 */
public class ImportCommand {
  io.filesight.archfixture.commandlinereachesdatathroughinportsonly.adapter.persistence.Importer
      importer;
}
