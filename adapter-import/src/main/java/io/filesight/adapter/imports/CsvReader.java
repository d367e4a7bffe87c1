package io.filesight.adapter.imports;

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

  /** The longest field kept, in characters; longer ones come back as null. */
  int maxFieldChars() {
    return maxFieldChars;
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
        fields.add(!keep ? "" : length > maxFieldChars ? null : field.toString());
      } else {
        fields.add(unquoted(keep));
        c = peek();
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

  /**
   * Reads an unquoted field up to its delimiter, which is left unread: "" when not kept, null when
   * over the limit. A field that lies in the buffer whole, the common case, is copied once.
   */
  private String unquoted(boolean keep) throws IOException {
    int from = position;
    int end = scan(from);
    if (end < limit) {
      position = end;
      int length = end - from;
      return !keep ? "" : length <= maxFieldChars ? new String(buffer, from, length) : null;
    }
    long length = 0;
    while (true) {
      int count = end - from;
      if (keep && length < maxFieldChars) {
        field.append(buffer, from, (int) Math.min(count, maxFieldChars - length));
      }
      length += count;
      position = end;
      if (end < limit || !fill()) {
        return !keep ? "" : length <= maxFieldChars ? field.toString() : null;
      }
      from = position;
      end = scan(from);
    }
  }

  /** The position of the first delimiter or line end from {@code from}, or the limit. */
  private int scan(int from) {
    char[] chars = buffer;
    int end = from;
    int stop = limit;
    while (end < stop) {
      char ch = chars[end];
      if (ch == ',' || ch == '\n' || ch == '\r') {
        return end;
      }
      end++;
    }
    return end;
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
