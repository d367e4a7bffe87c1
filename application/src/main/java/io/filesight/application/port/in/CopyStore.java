package io.filesight.application.port.in;

/**
 * Primary port: copies everything another store holds into this one, through the imports, so that
 * an operator moving to another engine keeps the data without the original export files. As
 * idempotent as the imports: copying again changes nothing, and a copy that was interrupted is
 * completed by running it again.
 */
public interface CopyStore {

  /**
   * Copies the machines, then the observations (each step committed in batches of {@link
   * ImportOptions#batchSize()}, reporting to {@code listener}), then the access configuration when
   * the other store has one; a store without one leaves this store's as it is.
   *
   * @throws ImportFailedException when either store fails; the batches committed before are kept
   */
  CopySummary copy(ImportOptions options, ImportListener listener);
}
