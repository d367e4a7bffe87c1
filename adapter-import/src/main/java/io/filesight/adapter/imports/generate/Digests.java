package io.filesight.adapter.imports.generate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic hex digests of short labels, for generated ids and file hashes. */
final class Digests {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final MessageDigest sha1;
  private final MessageDigest sha256;
  private final MessageDigest md5;

  Digests() {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
      sha256 = MessageDigest.getInstance("SHA-256");
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks a standard digest", e);
    }
  }

  String sha1(String label) {
    return hex(sha1.digest(label.getBytes(StandardCharsets.UTF_8)));
  }

  String sha256(String label) {
    return hex(sha256.digest(label.getBytes(StandardCharsets.UTF_8)));
  }

  String md5(String label) {
    return hex(md5.digest(label.getBytes(StandardCharsets.UTF_8)));
  }

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }
}
