package io.filesight.application.port.in;

import java.util.Objects;

/**
 * A record read from a {@link RecordSource} at {@code line} (the line it starts on, from 1): its
 * value, or why it cannot be imported (then the value is null).
 */
public record ParsedRecord<T>(long line, T value, String rejection) {
  public ParsedRecord {
    if ((value == null) == (rejection == null)) {
      throw new IllegalArgumentException("a record has a value or a rejection, not both or none");
    }
  }

  public static <T> ParsedRecord<T> accepted(long line, T value) {
    return new ParsedRecord<>(line, Objects.requireNonNull(value, "value"), null);
  }

  public static <T> ParsedRecord<T> rejected(long line, String reason) {
    return new ParsedRecord<>(line, null, Objects.requireNonNull(reason, "reason"));
  }
}
