package io.filesight.application.port.in;

import io.filesight.domain.Machine;

/**
 * Primary port: stores Defender machine entities; a machine already stored is replaced. Idempotent:
 * importing the same machines again leaves the store as it was.
 */
public interface ImportMachines {

  /**
   * Imports every record of {@code source} as {@link ImportObservations#importObservations} does.
   *
   * @throws ImportFailedException as {@link ImportObservations#importObservations} does
   */
  ImportSummary importMachines(
      RecordSource<Machine> source, ImportOptions options, ImportListener listener);
}
