package io.filesight.application.port.out;

import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Page;
import java.util.Optional;

/** Secondary port: the machines and the files seen on them. */
public interface MachineRepository {

  /**
   * The page of machines in {@code scope} on which {@code file} was seen, ordered by machine id. A
   * SHA-1, SHA-256 or MD5 of the same file finds the same machines. Observations of machines not
   * imported yet do not appear until the machine is.
   *
   * @return empty when the file was never seen on any machine of the tenant
   */
  Optional<MachineSlice> findSeenWith(FileHash file, GroupScope scope, Page page);
}
