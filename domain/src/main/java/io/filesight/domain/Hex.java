package io.filesight.domain;

/**
 * ASCII-only hex checks: {@code Character.digit} accepts full-width digits, which are not hex here.
 */
final class Hex {
  private Hex() {}

  static boolean isAsciiHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}
