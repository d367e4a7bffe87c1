package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.json.JsonReader;
import io.filesight.adapter.persistence.json.JsonSyntaxException;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a JSON file into records, one at a time: a Defender response body ({@code {"value":
 * [...]}}, other members ignored), a top-level array, or JSON Lines (one value per line).
 *
 * <p>The first value decides: a response body or an array is one document, where a syntax error
 * stops the import since there is no safe place to resume. A first value that starts and ends on
 * one line (or is malformed within that line) makes the file JSON Lines, where a malformed line is
 * one bad record and reading resumes at the next line. A first value spanning several lines is
 * taken as a stream of JSON values, read like a document.
 */
final class JsonRecords {
  /** A record: the line it starts on and its tree, or why its text is not JSON (then no tree). */
  record JsonRecord(long line, Object value, String syntaxError) {}

  private enum State {
    FIRST,
    LINES,
    IN_ARRAY,
    STREAM,
    END
  }

  private final LineFencedReader lines;
  private final JsonReader reader;
  private final int maxValues;
  private State state = State.FIRST;
  private boolean firstInArray;
  private boolean insideWrapper;

  /** Reads {@code text}; strings over {@code maxStringChars} and records over {@code maxValues}. */
  JsonRecords(Reader text, int maxStringChars, int maxValues) {
    this.lines = new LineFencedReader(text);
    this.reader = new JsonReader(lines, maxStringChars);
    this.maxValues = maxValues;
  }

  /** The next record, or null after the last. */
  JsonRecord next() throws IOException {
    while (true) {
      JsonRecord record;
      switch (state) {
        case END:
          return null;
        case FIRST:
          record = nextFirst();
          break;
        case LINES:
          record = nextLine();
          break;
        case IN_ARRAY:
          record = nextInArray();
          break;
        default:
          record = nextInStream();
      }
      if (record != null) {
        return record;
      }
    }
  }

  private JsonRecord nextFirst() throws IOException {
    int c = reader.peek();
    if (c < 0) {
      state = State.END;
      return null;
    }
    long line = lines.line();
    try {
      if (c == '[') {
        reader.expect('[');
        enterArray(false);
        return null;
      }
      if (c != '{') {
        // A record that is not an object: the mapper rejects it with its type.
        return afterFirst(line, reader.readValue(maxValues));
      }
      reader.expect('{');
      Map<String, Object> members = new LinkedHashMap<>();
      if (!reader.consumeIf('}')) {
        do {
          String name = reader.readName();
          // Only the first object may be a response body wrapping the records.
          if ("value".equals(name) && reader.peek() == '[') {
            reader.expect('[');
            enterArray(true);
            return null;
          }
          members.put(name, reader.readValue(maxValues));
        } while (reader.consumeIf(','));
        reader.expect('}');
      }
      return afterFirst(line, members);
    } catch (JsonSyntaxException e) {
      if (lines.line() != line) {
        throw e; // broken past its first line: a document, not a JSON Lines record
      }
      lines.fence();
      state = State.LINES;
      return malformed(line, e);
    }
  }

  private JsonRecord afterFirst(long line, Object value) throws IOException {
    if (lines.line() != line) {
      state = State.STREAM;
      return new JsonRecord(line, value, null);
    }
    lines.fence();
    state = State.LINES;
    return endOfLine(line, value);
  }

  private JsonRecord nextLine() throws IOException {
    while (reader.peek() < 0) {
      if (!lines.nextLine()) {
        state = State.END;
        return null;
      }
    }
    long line = lines.line();
    try {
      return endOfLine(line, reader.readValue(maxValues));
    } catch (JsonSyntaxException e) {
      return malformed(line, e);
    }
  }

  /** The record read on {@code line}, provided nothing but whitespace follows it there. */
  private JsonRecord endOfLine(long line, Object value) throws IOException {
    if (reader.peek() >= 0) {
      reader.skipRest();
      return new JsonRecord(line, null, "not valid JSON: unexpected content after the record");
    }
    return new JsonRecord(line, value, null);
  }

  /**
   * A JSON Lines record that is not JSON; the rest of its line is skipped. A record cut short says
   * "the text ends ... (truncated?)": its line ended, or the file did.
   */
  private JsonRecord malformed(long line, JsonSyntaxException e) throws IOException {
    reader.skipRest();
    return new JsonRecord(line, null, "not valid JSON: " + e.getMessage());
  }

  private JsonRecord nextInStream() throws IOException {
    if (reader.peek() < 0) {
      state = State.END;
      return null;
    }
    long line = reader.line();
    return new JsonRecord(line, reader.readValue(maxValues), null);
  }

  private JsonRecord nextInArray() throws IOException {
    if (firstInArray) {
      firstInArray = false;
      if (reader.consumeIf(']')) {
        finishArray();
        return null;
      }
    } else if (reader.consumeIf(']')) {
      finishArray();
      return null;
    } else {
      reader.expect(',');
    }
    reader.peek();
    long line = reader.line();
    return new JsonRecord(line, reader.readValue(maxValues), null);
  }

  private void enterArray(boolean wrapped) {
    state = State.IN_ARRAY;
    firstInArray = true;
    insideWrapper = wrapped;
  }

  private void finishArray() throws IOException {
    if (insideWrapper) {
      while (reader.consumeIf(',')) {
        reader.readName();
        reader.skipValue();
      }
      reader.expect('}');
    }
    if (reader.peek() >= 0) {
      throw new JsonSyntaxException(
          reader.line(), "unexpected content after the end of the records", false);
    }
    state = State.END;
  }
}
