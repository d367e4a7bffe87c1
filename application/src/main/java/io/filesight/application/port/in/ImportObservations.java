package io.filesight.application.port.in;

import io.filesight.domain.Observation;

/**
 * Primary port: records that files were seen on machines, keeping the first and last time per
 * (file, machine). Idempotent: importing the same records again changes nothing. Observations of
 * machines not imported yet are kept and show once the machine arrives.
 */
public interface ImportObservations {

  /**
   * Imports every record of {@code source}, in batches of {@link ImportOptions#batchSize()}
   * committed one by one (or all in one in strict mode), reporting progress after each and every
   * rejected record to {@code listener}.
   *
   * @throws ImportFailedException when the source cannot be read on, the store fails, or a strict
   *     import meets a bad record; batches committed before are kept, except in strict mode
   */
  ImportSummary importObservations(
      RecordSource<Observation> source, ImportOptions options, ImportListener listener);
}
