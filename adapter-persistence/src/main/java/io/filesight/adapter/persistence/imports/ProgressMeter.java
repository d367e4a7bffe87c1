package io.filesight.adapter.persistence.imports;

import java.util.OptionalLong;

/** Tells a listener how far an import is, in records and in bytes of its file; starts when made. */
final class ProgressMeter {
  private final ImportListener listener;
  private final CountingInputStream bytes;
  private final OptionalLong bytesTotal;
  private final long startNanos = System.nanoTime();

  ProgressMeter(ImportListener listener, CountingInputStream bytes, OptionalLong bytesTotal) {
    this.listener = listener;
    this.bytes = bytes;
    this.bytesTotal = bytesTotal;
  }

  void report(long records) {
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    listener.progress(new ImportProgress(records, bytes.count(), bytesTotal, records / seconds));
  }
}
