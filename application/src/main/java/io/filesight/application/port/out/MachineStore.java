package io.filesight.application.port.out;

import io.filesight.domain.Machine;

/**
 * Secondary port: where machines are written. A machine replaces the stored machine with its id; a
 * store's readers see the new machines from the commit that stored them on.
 */
public interface MachineStore {

  /**
   * Starts an import. A commit counts as inserted the machines new to the store and as updated
   * those that replaced a stored one.
   */
  ImportSession<Machine> beginImport();
}
