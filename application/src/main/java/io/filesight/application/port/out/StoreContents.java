package io.filesight.application.port.out;

import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.Machine;
import io.filesight.domain.Observation;
import java.util.Optional;

/**
 * Secondary port: what a store holds, read back in one snapshot, so that it can be copied into
 * another store through the import use cases. Each stored (file, machine) comes back as the
 * observations that make it: its first and its last sighting (one when they are the same time, or
 * when it has none), with the file's other hashes and name; importing them rebuilds the same row.
 */
public interface StoreContents extends AutoCloseable {

  /** The store, as messages name it. */
  String name();

  /**
   * The machines, by id.
   *
   * @throws StoreUnavailableException when the store cannot be read
   */
  Rows<Machine> machines();

  /**
   * The observations, by file and machine; a store's stored sightings and those an interrupted
   * import left for its next one alike.
   *
   * @throws StoreUnavailableException when the store cannot be read
   */
  Rows<Observation> observations();

  /**
   * The access configuration, or empty when none was ever imported into the store.
   *
   * @throws StoreUnavailableException when the store cannot be read
   */
  Optional<AccessConfiguration> accessConfiguration();

  /** Ends the snapshot. */
  @Override
  void close();

  /** Stored rows, read on demand, with how far the reading has come. */
  interface Rows<T> extends AutoCloseable {

    /**
     * The next value, or null after the last.
     *
     * @throws StoreUnavailableException when the store cannot be read on
     */
    T next();

    /** Rows read so far (a row may make more than one value). */
    long rowsRead();

    /** Rows in all, counted in the same snapshot. */
    long rowsTotal();

    @Override
    void close();
  }
}
