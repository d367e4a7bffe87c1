package io.filesight.adapter.imports;

import io.filesight.domain.DefenderTimestamps;
import io.filesight.domain.FileHash;
import io.filesight.domain.HashAlgorithm;
import io.filesight.domain.InvalidFileHashException;
import io.filesight.domain.InvalidTimestampException;
import io.filesight.domain.Observation;
import java.time.Instant;

/**
 * Maps an Advanced Hunting row (CSV or JSON Lines, the same column names) to an {@link
 * Observation}: {@code DeviceId} and {@code SHA1} required; {@code SHA256}, {@code MD5}, {@code
 * Timestamp}, {@code FileName} when present.
 */
final class ObservationRecords {
  static final String DEVICE_ID = "DeviceId";
  static final String SHA1 = "SHA1";
  static final String SHA256 = "SHA256";
  static final String MD5 = "MD5";
  static final String TIMESTAMP = "Timestamp";
  static final String FILE_NAME = "FileName";

  private ObservationRecords() {}

  /** Builds an observation from the text of each column (null or empty when absent). */
  static Observation from(
      String deviceId, String sha1, String sha256, String md5, String timestamp, String fileName)
      throws RecordRejectedException {
    if (isBlank(deviceId)) {
      throw new RecordRejectedException("missing " + DEVICE_ID);
    }
    if (isBlank(sha1)) {
      throw new RecordRejectedException("missing " + SHA1);
    }
    Instant at = null;
    if (!isBlank(timestamp)) {
      try {
        at = DefenderTimestamps.parse(timestamp.trim());
      } catch (InvalidTimestampException e) {
        throw new RecordRejectedException(TIMESTAMP + ": " + e.getMessage());
      }
    }
    return new Observation(
        hash(SHA1, sha1, HashAlgorithm.SHA1),
        isBlank(sha256) ? null : hash(SHA256, sha256, HashAlgorithm.SHA256),
        isBlank(md5) ? null : hash(MD5, md5, HashAlgorithm.MD5),
        isBlank(fileName) ? null : fileName,
        MachineMapper.machineId(deviceId.trim(), DEVICE_ID),
        at);
  }

  private static FileHash hash(String column, String text, HashAlgorithm algorithm)
      throws RecordRejectedException {
    String trimmed = text.trim();
    try {
      FileHash hash = FileHash.parse(trimmed);
      if (hash.algorithm() == algorithm) {
        return hash;
      }
    } catch (InvalidFileHashException e) {
      // reported below with the column's expectation
    }
    throw new RecordRejectedException(
        column
            + " '"
            + shorten(trimmed)
            + "' is not a "
            + algorithm.hexLength()
            + "-hex-digit hash");
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
