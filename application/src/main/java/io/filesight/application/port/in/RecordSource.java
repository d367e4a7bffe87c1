package io.filesight.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where an import reads its records from, in order: a driving adapter's reader of an export file,
 * or an embedder's own records. Rejections are records too, so that the import decides what a bad
 * record costs (skipped, or the whole import in strict mode).
 */
public interface RecordSource<T> extends AutoCloseable {

  /** What the records come from, for messages: the file, as {@code file:line: ...} names it. */
  String name();

  /**
   * The next record, or null after the last.
   *
   * @throws ImportFailedException when the source cannot go on (truncated, not text, broken
   *     document); the records before it were handed out
   */
  ParsedRecord<T> next();

  /** How much of the source was read so far, in bytes: a share of {@link #bytesTotal()}. */
  default long bytesRead() {
    return 0;
  }

  /** The source's size in bytes, when known (not for a pipe). */
  default OptionalLong bytesTotal() {
    return OptionalLong.empty();
  }

  /**
   * What tells these records from others when they are imported again, so that a rerun of an
   * interrupted import resumes after the records it committed: for a file, its real path, size and
   * modification time. Empty (the default) for records that cannot be read again the same way, such
   * as a pipe's.
   */
  default Optional<String> identity() {
    return Optional.empty();
  }

  /** Releases what the source holds (its file, a reading thread). */
  @Override
  default void close() {}

  /** The records of {@code values}, numbered from 1 as if each stood on a line of its own. */
  static <T> RecordSource<T> of(String name, List<T> values) {
    Objects.requireNonNull(name, "name");
    List<T> records = List.copyOf(values);
    return new RecordSource<>() {
      private int next;

      @Override
      public String name() {
        return name;
      }

      @Override
      public ParsedRecord<T> next() {
        if (next == records.size()) {
          return null;
        }
        next++;
        return ParsedRecord.accepted(next, records.get(next - 1));
      }
    };
  }
}
