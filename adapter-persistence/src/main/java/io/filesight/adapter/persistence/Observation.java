package io.filesight.adapter.persistence;

import io.filesight.domain.FileHash;
import io.filesight.domain.HashAlgorithm;
import io.filesight.domain.MachineId;
import java.time.Instant;
import java.util.Objects;

/**
 * One sighting of a file on a machine, as imported: the file's SHA-1 and, when known, its SHA-256,
 * MD5 and name; the time is null when the export has none.
 */
public record Observation(
    FileHash sha1, FileHash sha256, FileHash md5, String fileName, MachineId machine, Instant at) {
  public Observation {
    Objects.requireNonNull(sha1, "sha1");
    Objects.requireNonNull(machine, "machine");
    requireAlgorithm(sha1, HashAlgorithm.SHA1);
    requireAlgorithm(sha256, HashAlgorithm.SHA256);
    requireAlgorithm(md5, HashAlgorithm.MD5);
  }

  private static void requireAlgorithm(FileHash hash, HashAlgorithm algorithm) {
    if (hash != null && hash.algorithm() != algorithm) {
      throw new IllegalArgumentException(hash + " is not a " + algorithm);
    }
  }
}
