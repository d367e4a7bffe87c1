package io.filesight.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The product's central fact: a file was seen on a machine at a time. The file is named by its
 * SHA-1 and, when the export knows them, its SHA-256, MD5 and name; the time is null when the
 * export has none. Stores keep the first and last time per (file, machine).
 */
public record Observation(
    FileHash sha1, FileHash sha256, FileHash md5, String fileName, MachineId machine, Instant at) {
  public Observation {
    Objects.requireNonNull(sha1, "sha1");
    Objects.requireNonNull(machine, "machine");
    requireAlgorithm(sha1, HashAlgorithm.SHA1);
    requireAlgorithm(sha256, HashAlgorithm.SHA256);
    requireAlgorithm(md5, HashAlgorithm.MD5);
    if (at != null && (at.isBefore(DefenderTimestamps.MIN) || at.isAfter(DefenderTimestamps.MAX))) {
      throw new IllegalArgumentException(
          "the time "
              + at
              + " is outside "
              + DefenderTimestamps.MIN
              + " .. "
              + DefenderTimestamps.MAX);
    }
  }

  private static void requireAlgorithm(FileHash hash, HashAlgorithm algorithm) {
    if (hash != null && hash.algorithm() != algorithm) {
      throw new IllegalArgumentException(hash + " is not a " + algorithm);
    }
  }
}
