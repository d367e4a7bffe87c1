package io.filesight.adapter.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * Hands out text never past the end of a line per read, so a reader above it holds at most one
 * line's tail. Once fenced, it also reports the end of the text at each line end until {@link
 * #nextLine()}: a JSON Lines record that is cut short or malformed then cannot run into the next
 * line, and reading resumes exactly at the next line.
 */
final class LineFencedReader extends Reader {
  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private long line = 1;
  private boolean atLineEnd;
  private boolean fenced;

  LineFencedReader(Reader in) {
    this.in = in;
  }

  /** The line, from 1, of the text handed out last (after {@link #nextLine()}: the next one). */
  long line() {
    return line;
  }

  /** From now on, report the end of the text at each line end until {@link #nextLine()}. */
  void fence() {
    fenced = true;
  }

  /**
   * Skips what is left of the current line and moves to the next one.
   *
   * @return false at the end of the text
   */
  boolean nextLine() throws IOException {
    while (!atLineEnd) {
      if (!fill()) {
        return false;
      }
      int end = lineEnd(limit);
      atLineEnd = end < limit;
      position = atLineEnd ? end + 1 : limit;
    }
    if (!fill()) {
      return false;
    }
    atLineEnd = false;
    line++;
    return true;
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (atLineEnd && fenced) {
      return -1;
    }
    if (!fill()) {
      return -1;
    }
    if (atLineEnd) {
      atLineEnd = false;
      line++;
    }
    int stop = Math.min(limit, position + length);
    int end = lineEnd(stop);
    int count = (end < stop ? end + 1 : stop) - position;
    System.arraycopy(buffer, position, target, offset, count);
    position += count;
    atLineEnd = buffer[position - 1] == '\n';
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The index of the first line feed from the position before {@code end}, or {@code end}. */
  private int lineEnd(int end) {
    for (int i = position; i < end; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return end;
  }

  private boolean fill() throws IOException {
    if (position < limit) {
      return true;
    }
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
}
