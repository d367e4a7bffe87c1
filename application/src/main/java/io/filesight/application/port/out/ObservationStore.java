package io.filesight.application.port.out;

import io.filesight.domain.Observation;

/**
 * Secondary port: where observations are written. A stored observation keeps, per (file, machine),
 * the first and last time it was seen, and per file any SHA-256, MD5 or name an observation
 * brought; storing the same observations again changes nothing.
 */
public interface ObservationStore {

  /**
   * Starts an import. A commit counts as inserted the (file, machine) pairs new to the store, and
   * as updated the stored pairs whose first or last time it widened; a pair seen several times
   * within one commit counts once.
   */
  ImportSession<Observation> beginImport();
}
