package io.filesight.adapter.persistence.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: quoted fields with embedded commas, doubled quotes and line breaks;
 * CRLF or LF line ends. Memory is bounded by one record; fields over the limit are read past and
 * come back as null. A file ending inside quotes is reported as truncated.
 */
final class CsvReader {
  private final Reader in;
  private final int maxFieldChars;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private long line = 1;
  private final StringBuilder field = new StringBuilder();
  private boolean[] skipped = new boolean[0];

  CsvReader(Reader in, int maxFieldChars) {
    this.in = in;
    this.maxFieldChars = maxFieldChars;
  }

  /**
   * Reads the fields at the given positions past without keeping their text: they come back as "".
   * Imports need 6 of an export's 11 or more columns, and the rest would only feed the GC.
   */
  void skip(boolean[] columns) {
    this.skipped = columns.clone();
  }

  /** The line the reader is at, from 1. */
  long line() {
    return line;
  }

  /**
   * The next non-blank record, or null at the end.
   *
   * @throws CsvTruncatedException when the text ends inside a quoted field
   */
  CsvRecord next() throws IOException {
    while (true) {
      int c = peek();
      if (c < 0) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        endOfLine();
        continue; // blank line
      }
      return record();
    }
  }

  private CsvRecord record() throws IOException {
    long start = line;
    List<String> fields = new ArrayList<>();
    String problem = null;
    while (true) {
      field.setLength(0);
      long length = 0;
      boolean keep = fields.size() >= skipped.length || !skipped[fields.size()];
      int c = peek();
      if (c == '"') {
        position++;
        long quoteLine = line;
        while (true) {
          int q = read();
          if (q < 0) {
            throw new CsvTruncatedException(quoteLine);
          }
          if (q == '"') {
            if (peek() == '"') {
              position++;
            } else {
              break;
            }
          } else if (q == '\n') {
            line++;
          }
          length++;
          if (keep && length <= maxFieldChars) {
            field.append((char) q);
          }
        }
        c = peek();
        if (c >= 0 && c != ',' && c != '\n' && c != '\r' && problem == null) {
          problem = "unexpected text after a closing quote in field " + (fields.size() + 1);
        }
        // Skip to the delimiter so that the next record starts clean.
        while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
          position++;
          c = peek();
        }
      } else {
        while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
          position++;
          length++;
          if (keep && length <= maxFieldChars) {
            field.append((char) c);
          }
          c = peek();
        }
      }
      if (!keep) {
        fields.add("");
      } else if (length > maxFieldChars) {
        fields.add(null);
      } else {
        fields.add(field.toString());
      }
      if (c == ',') {
        position++;
        continue;
      }
      if (c >= 0) {
        endOfLine();
      }
      return new CsvRecord(start, fields, problem);
    }
  }

  private void endOfLine() throws IOException {
    if (read() == '\r' && peek() == '\n') {
      position++;
    }
    line++;
  }

  private int peek() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private int read() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position++];
  }

  private boolean fill() throws IOException {
    int read;
    do {
      read = in.read(buffer, 0, buffer.length);
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  /** The text ended inside a quoted field that opened at {@link #line()}. */
  static final class CsvTruncatedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    CsvTruncatedException(long line) {
      super("the file ends inside a quoted field opened at line " + line + " (truncated?)");
      this.line = line;
    }

    long line() {
      return line;
    }
  }
}
