package io.filesight.application.port.in;

import io.filesight.domain.Caller;
import io.filesight.domain.FileHash;
import io.filesight.domain.Page;

/**
 * Primary port: on which machines was this file seen? The answer is limited to the machines the
 * caller may see, one page at a time.
 *
 * <p>Checks run in Defender's order: quota, then permission, then the id's syntax, then the lookup,
 * so a caller over its quota or without permission learns nothing about the id.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/get-file-related-machines">Get
 *     file related machines API</a>
 */
public interface FindRelatedMachines {

  /**
   * Finds the machines on which the file {@code fileId} was seen.
   *
   * @param fileId a SHA-1, SHA-256 or MD5 as the client sent it; parsed after the quota and
   *     permission checks
   * @throws io.filesight.domain.QuotaExceededException over the caller's rate quota
   * @throws io.filesight.domain.AccessDeniedException when the caller may not read machines
   * @throws io.filesight.domain.InvalidFileHashException when {@code fileId} is not a hash
   */
  RelatedMachines find(Caller caller, String fileId, Page page);

  /** Finds the machines on which {@code file} was seen. */
  default RelatedMachines find(Caller caller, FileHash file, Page page) {
    return find(caller, file.hex(), page);
  }
}
