package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.json.JsonReader;
import io.filesight.adapter.persistence.json.JsonSyntaxException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a JSON file into records, one at a time: a Defender response body ({@code {"value":
 * [...]}}, other members ignored), a top-level array, or JSON Lines (one object per line).
 */
final class JsonRecords {
  /** A record: the line its value starts on and its tree. */
  record JsonRecord(long line, Object value) {}

  private enum State {
    TOP,
    IN_ARRAY,
    END
  }

  private final JsonReader reader;
  private final int maxValues;
  private State state = State.TOP;
  private boolean firstInArray;
  private boolean insideWrapper;
  private long records;

  JsonRecords(JsonReader reader, int maxValues) {
    this.reader = reader;
    this.maxValues = maxValues;
  }

  /** The next record, or null after the last. */
  JsonRecord next() throws IOException {
    while (true) {
      switch (state) {
        case END:
          return null;
        case IN_ARRAY:
          JsonRecord item = nextInArray();
          if (item != null) {
            records++;
            return item;
          }
          break;
        default:
          JsonRecord top = nextTop();
          if (top != null) {
            records++;
            return top;
          }
      }
    }
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
    return new JsonRecord(line, reader.readValue(maxValues));
  }

  private JsonRecord nextTop() throws IOException {
    int c = reader.peek();
    if (c < 0) {
      state = State.END;
      return null;
    }
    long line = reader.line();
    if (c == '[' && records == 0) {
      reader.expect('[');
      enterArray(false);
      return null;
    }
    if (c != '{') {
      // A JSON Lines record that is not an object: the mapper rejects it with its type.
      return new JsonRecord(line, reader.readValue(maxValues));
    }
    reader.expect('{');
    Map<String, Object> members = new LinkedHashMap<>();
    if (!reader.consumeIf('}')) {
      do {
        String name = reader.readName();
        // Only the first top-level object may be a response body wrapping the records.
        if (records == 0 && "value".equals(name) && reader.peek() == '[') {
          reader.expect('[');
          enterArray(true);
          return null;
        }
        members.put(name, reader.readValue(maxValues));
      } while (reader.consumeIf(','));
      reader.expect('}');
    }
    return new JsonRecord(line, members);
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
