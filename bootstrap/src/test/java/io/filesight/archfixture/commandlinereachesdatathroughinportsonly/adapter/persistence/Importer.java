package io.filesight.archfixture.commandlinereachesdatathroughinportsonly.adapter.persistence;

/** Fixture: the storage the command line must not reach. */
public class Importer {
  int batch;
}
