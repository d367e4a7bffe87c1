package io.filesight.adapter.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the line of the first byte sequence that is not well-formed UTF-8, to name it in the error.
 * A decoder reads ahead, so its position says little about where the bad bytes are. The rule is
 * Unicode's table of well-formed byte sequences (Table 3-7), the one Java's decoder follows: no
 * overlong forms, no surrogates, nothing above U+10FFFF.
 */
final class Utf8Check {
  private Utf8Check() {}

  /** The line (from 1) of the first invalid sequence, or -1 when the file is valid UTF-8. */
  static long firstInvalidLine(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long line = 1;
      int b;
      while ((b = in.read()) >= 0) {
        if (b < 0x80) {
          if (b == '\n') {
            line++;
          }
          continue;
        }
        int continuations;
        int low = 0x80;
        int high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
          continuations = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          continuations = 2;
          if (b == 0xE0) {
            low = 0xA0; // below: overlong
          } else if (b == 0xED) {
            high = 0x9F; // above: UTF-16 surrogates
          }
        } else if (b >= 0xF0 && b <= 0xF4) {
          continuations = 3;
          if (b == 0xF0) {
            low = 0x90; // below: overlong
          } else if (b == 0xF4) {
            high = 0x8F; // above: past U+10FFFF
          }
        } else {
          return line; // a continuation byte alone, C0 and C1 (overlong), or F5 to FF
        }
        for (int i = 0; i < continuations; i++) {
          int next = in.read();
          if (next < low || next > high) {
            return line; // also at the end of the file
          }
          low = 0x80;
          high = 0xBF;
        }
      }
      return -1;
    }
  }
}
