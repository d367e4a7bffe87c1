package io.filesight.domain;

import java.util.Objects;

/**
 * Value object: the identity of a file as Defender names it, a SHA-1, SHA-256 or MD5 digest in
 * lowercase hex.
 */
public record FileHash(HashAlgorithm algorithm, String hex) {

  public FileHash {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    String lowercase = hex.length() == algorithm.hexLength() ? Hex.lowercaseOrNull(hex) : null;
    if (lowercase == null) {
      throw new InvalidFileHashException(hex);
    }
    hex = lowercase;
  }

  /**
   * Parses a file id as a Defender client sends it: 32, 40 or 64 ASCII hex digits in any case.
   *
   * @throws InvalidFileHashException carrying the offending value for anything else
   */
  public static FileHash parse(String value) {
    if (value == null) {
      throw new InvalidFileHashException(null);
    }
    HashAlgorithm algorithm = HashAlgorithm.ofHexLength(value.length());
    if (algorithm == null) {
      throw new InvalidFileHashException(value);
    }
    return new FileHash(algorithm, value); // the constructor checks the digits
  }

  @Override
  public String toString() {
    return hex;
  }
}
