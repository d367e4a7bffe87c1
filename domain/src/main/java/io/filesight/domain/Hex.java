package io.filesight.domain;

import java.util.Locale;

/**
 * ASCII-only hex checks: {@code Character.digit} accepts full-width digits, which are not hex here.
 */
final class Hex {
  private static final byte NOT_HEX = 0;
  private static final byte LOWER = 1;
  private static final byte UPPER = 2;

  /** Per ASCII character: {@link #NOT_HEX}, or a {@link #LOWER} or {@link #UPPER} hex digit. */
  private static final byte[] KINDS = new byte[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      KINDS[c] = LOWER;
    }
    for (char c = 'a'; c <= 'f'; c++) {
      KINDS[c] = LOWER;
    }
    for (char c = 'A'; c <= 'F'; c++) {
      KINDS[c] = UPPER;
    }
  }

  private Hex() {}

  /**
   * The text in lowercase when it is all ASCII hex digits (the same instance when it already is
   * lowercase, as imports nearly always are), otherwise null. One table-driven pass instead of a
   * check and a {@code toLowerCase} scan: every imported record parses four of these.
   */
  static String lowercaseOrNull(String text) {
    int kinds = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int kind = c < KINDS.length ? KINDS[c] : NOT_HEX;
      if (kind == NOT_HEX) {
        return null;
      }
      kinds |= kind;
    }
    return (kinds & UPPER) != 0 ? text.toLowerCase(Locale.ROOT) : text;
  }
}
