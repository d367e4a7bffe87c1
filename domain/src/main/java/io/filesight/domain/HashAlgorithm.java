package io.filesight.domain;

/** The digest algorithms a file can be identified by, with the hex length of each. */
public enum HashAlgorithm {
  MD5(32),
  SHA1(40),
  SHA256(64);

  private final int hexLength;

  HashAlgorithm(int hexLength) {
    this.hexLength = hexLength;
  }

  public int hexLength() {
    return hexLength;
  }

  static HashAlgorithm ofHexLength(int length) {
    for (HashAlgorithm algorithm : values()) {
      if (algorithm.hexLength == length) {
        return algorithm;
      }
    }
    return null;
  }
}
