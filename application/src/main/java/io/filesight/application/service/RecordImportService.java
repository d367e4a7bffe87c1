package io.filesight.application.service;

import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportProgress;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.ParsedRecord;
import io.filesight.application.port.in.RecordSource;
import io.filesight.application.port.in.RejectedRecord;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.ResumePoint;
import io.filesight.application.port.out.StoreUnavailableException;
import io.filesight.application.port.out.StoredCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules every import follows, whatever it stores: records are read in order and committed in
 * batches of {@link ImportOptions#batchSize()} good records, each batch handed to the store in
 * parts of {@link #PART_SIZE} so that a large batch never sits in the heap; a rejected record is
 * reported by its source's name and line and skipped, or, in strict mode, fails the whole import
 * before anything is committed. Progress is reported after each batch.
 *
 * <p>A source with an {@link RecordSource#identity() identity} resumes an interrupted import of it:
 * the good records the store says that import committed are read again but not appended, the bad
 * ones among them reported again, and the rest imported; the summary counts the whole source, with
 * what the interrupted import stored.
 */
abstract class RecordImportService<T> {
  /** Records handed to the store at once. */
  static final int PART_SIZE = 10_000;

  /** Starts writing an import to the store. */
  abstract ImportSession<T> beginImport();

  final ImportSummary run(RecordSource<T> source, ImportOptions options, ImportListener listener) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    return new Run(source, options, listener).run();
  }

  /** One import, from its first record to its summary. */
  private final class Run {
    private final RecordSource<T> source;
    private final ImportOptions options;
    private final ImportListener listener;
    private final long startNanos = System.nanoTime();
    private final List<T> part;
    private ParsedRecord<T> next;
    private long read;
    private long rejected;
    private StoredCounts counts = StoredCounts.NONE;

    Run(RecordSource<T> source, ImportOptions options, ImportListener listener) {
      this.source = source;
      this.options = options;
      this.listener = listener;
      this.part = new ArrayList<>(Math.min(options.batchSize(), PART_SIZE));
    }

    ImportSummary run() {
      next = source.next();
      if (next == null) {
        report();
      } else {
        try (ImportSession<T> session = beginImport()) {
          resume(session);
          // At least one commit, the last: a resumed import may have nothing left to append, and
          // its last commit still settles what the interrupted one left.
          do {
            batch(session);
            // Strict: one commit at the end, so that a bad record leaves nothing written.
            if (!options.strict() || next == null) {
              counts = counts.plus(session.commit(next == null));
            }
            report();
          } while (next != null);
        } catch (StoreUnavailableException e) {
          throw new ImportFailedException(source.name(), 0, e.getMessage(), e);
        }
      }
      return new ImportSummary(read, counts.inserted(), counts.updated(), rejected);
    }

    /** Reads past the good records an interrupted import of this source committed. */
    private void resume(ImportSession<T> session) {
      Optional<String> identity = source.identity();
      if (identity.isEmpty()) {
        return;
      }
      ResumePoint resumed = session.resume(identity.get());
      if (resumed.records() == 0) {
        return;
      }
      counts = resumed.counts();
      long skipped = 0;
      while (next != null && skipped < resumed.records()) {
        read++;
        if (next.rejection() != null) {
          reject(next);
        } else {
          skipped++;
        }
        next = source.next();
      }
      listener.resumed(skipped);
    }

    /**
     * Appends the next batch: up to {@code batchSize} good records, and the bad ones among them.
     */
    private void batch(ImportSession<T> session) {
      int accepted = 0;
      while (next != null && accepted < options.batchSize()) {
        ParsedRecord<T> record = next;
        read++;
        if (record.rejection() != null) {
          reject(record);
        } else {
          part.add(record.value());
          accepted++;
          if (part.size() >= PART_SIZE) {
            flush(session);
          }
        }
        next = source.next();
      }
      flush(session);
    }

    private void flush(ImportSession<T> session) {
      if (!part.isEmpty()) {
        session.append(part);
        part.clear();
      }
    }

    private void reject(ParsedRecord<T> record) {
      if (options.strict()) {
        throw new ImportFailedException(
            source.name(),
            record.line(),
            record.rejection() + " (strict import: nothing was written)");
      }
      rejected++;
      listener.rejected(new RejectedRecord(source.name(), record.line(), record.rejection()));
    }

    private void report() {
      double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
      listener.progress(
          new ImportProgress(read, source.bytesRead(), source.bytesTotal(), read / seconds));
    }
  }
}
