package io.filesight.domain;

import java.util.Locale;

/**
 * ASCII-only hex checks: {@code Character.digit} accepts full-width digits, which are not hex here.
 */
final class Hex {
  private Hex() {}

  /**
   * The text in lowercase when it is all ASCII hex digits (the same instance when it already is
   * lowercase, as imports nearly always are), otherwise null. One pass instead of a check and a
   * {@code toLowerCase} scan: every imported record parses four of these.
   */
  static String lowercaseOrNull(String text) {
    boolean upper = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        continue;
      }
      if (c >= 'A' && c <= 'F') {
        upper = true;
      } else {
        return null;
      }
    }
    return upper ? text.toLowerCase(Locale.ROOT) : text;
  }
}
