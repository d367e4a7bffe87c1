package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileFingerprintsTest {
  private static final String SHA256 =
      "2078e819f741b154d079081eadc6ab5e35dc33e20a0bc993621f530f882c89e5";
  private static final String MD5 = "c30f1a935efd24aec7d62eb2c88b6d2e";

  @Test
  void aFileWithTheSameDetailsIsStagedOncePerBatch() {
    FileFingerprints files = new FileFingerprints();

    assertThat(files.stage(sha1(1), SHA256, MD5, "a.exe")).isTrue();
    assertThat(files.stage(sha1(1), SHA256, MD5, "a.exe")).isFalse();
  }

  @Test
  void anyDifferenceIsStaged() {
    FileFingerprints files = new FileFingerprints();
    files.stage(sha1(1), SHA256, MD5, "a.exe");

    assertThat(files.stage(sha1(2), SHA256, MD5, "a.exe")).as("last digit").isTrue();
    assertThat(files.stage(sha1(1).replace('0', 'f'), SHA256, MD5, "a.exe")).isTrue();
    assertThat(files.stage(sha1(1), null, MD5, "a.exe")).as("no SHA-256").isTrue();
    assertThat(files.stage(sha1(1), SHA256, null, "a.exe")).as("no MD5").isTrue();
    assertThat(files.stage(sha1(1), SHA256, MD5, "b.exe")).as("name").isTrue();
    assertThat(files.stage(sha1(1), SHA256, MD5, "")).as("empty name").isTrue();
    assertThat(files.stage(sha1(1), SHA256, MD5, null)).as("no name").isTrue();
  }

  @Test
  void aFileStoredByACommittedBatchIsNotStagedAgainUntilItChanges() {
    FileFingerprints files = new FileFingerprints();
    files.stage(sha1(1), SHA256, MD5, "a.exe");
    files.committed();

    assertThat(files.stage(sha1(1), SHA256, MD5, "a.exe")).isFalse();
    assertThat(files.stage(sha1(1), SHA256, MD5, "b.exe")).isTrue();
    files.committed();

    // The last batch stored the file with two names, so either may be in the store now.
    assertThat(files.stage(sha1(1), SHA256, MD5, "a.exe")).isTrue();
    assertThat(files.stage(sha1(1), SHA256, MD5, "b.exe")).isTrue();
  }

  @Test
  void aForgottenBatchStoredNothing() {
    FileFingerprints files = new FileFingerprints();
    files.stage(sha1(1), SHA256, MD5, "a.exe");
    files.forgetBatch();

    assertThat(files.stage(sha1(1), SHA256, MD5, "a.exe")).isTrue();
  }

  @Test
  void holdsAWholeBatchOfDistinctFiles() {
    FileFingerprints files = new FileFingerprints();
    for (int i = 0; i < 100_000; i++) {
      assertThat(files.stage(sha1(i), null, null, null)).isTrue();
    }
    for (int i = 0; i < 100_000; i += 997) {
      assertThat(files.stage(sha1(i), null, null, null)).isFalse();
    }
  }

  private static String sha1(int i) {
    return String.format("%040x", i + 1);
  }
}
