package io.filesight.adapter.persistence.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the line of the first byte sequence that is not UTF-8, to name it in the error. A decoder
 * reads ahead, so its position says little about where the bad bytes are.
 */
final class Utf8Check {
  private Utf8Check() {}

  /** The line (from 1) of the first invalid sequence, or -1 when the file is valid UTF-8. */
  static long firstInvalidLine(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long line = 1;
      int pending = 0;
      int b;
      while ((b = in.read()) >= 0) {
        if (pending > 0) {
          if ((b & 0xC0) != 0x80) {
            return line;
          }
          pending--;
          continue;
        }
        if (b == '\n') {
          line++;
        } else if (b >= 0x80) {
          if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
          } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
          } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
          } else {
            return line;
          }
        }
      }
      return pending > 0 ? line : -1;
    }
  }
}
