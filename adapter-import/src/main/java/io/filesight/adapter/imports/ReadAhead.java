package io.filesight.adapter.imports;

import io.filesight.application.port.in.ParsedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and parses records on a thread of its own, a few blocks ahead of the writer, so that
 * parsing the file overlaps with writing the database. Records come out in file order; a failure of
 * the reading thread is thrown from {@link #next} where the record would have been. Memory is
 * bounded by {@link #BLOCKS} blocks of {@link #BLOCK_SIZE} records.
 */
final class ReadAhead<T> implements RecordReader<T>, AutoCloseable {
  static final int BLOCK_SIZE = 1024;
  static final int BLOCKS = 8;

  /** Records read, then either the end (no failure) or the failure that stopped the reading. */
  private record Block<T>(List<ParsedRecord<T>> records, boolean last, Throwable failure) {}

  private final BlockingQueue<Block<T>> queue = new ArrayBlockingQueue<>(BLOCKS);
  private final Thread thread;
  private volatile boolean closed;
  private Block<T> block = new Block<>(List.of(), false, null);
  private int position;

  ReadAhead(RecordReader<T> source) {
    thread = new Thread(() -> readAll(source), "filesight-import-reader");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public ParsedRecord<T> next() throws IOException {
    while (position >= block.records().size()) {
      if (block.last()) {
        return rethrow(block.failure());
      }
      block = take();
      position = 0;
    }
    return block.records().get(position++);
  }

  /** Stops the reading thread, so the file can be closed under it; safe to call twice. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.interrupt();
    queue.clear();
    thread.join(TimeUnit.SECONDS.toMillis(10));
  }

  private void readAll(RecordReader<T> source) {
    List<ParsedRecord<T>> records = new ArrayList<>(BLOCK_SIZE);
    try {
      ParsedRecord<T> record;
      while ((record = source.next()) != null) {
        records.add(record);
        if (records.size() == BLOCK_SIZE) {
          put(new Block<>(records, false, null));
          records = new ArrayList<>(BLOCK_SIZE);
        }
      }
      put(new Block<>(records, true, null));
    } catch (InterruptedException e) {
      // closed by the writer: nobody is waiting for more
    } catch (Exception | Error e) {
      try {
        // The records read before the failure still come first, as they would without read-ahead.
        put(new Block<>(records, true, e));
      } catch (InterruptedException ignored) {
        // closed by the writer: nobody is waiting for the failure either
      }
    }
  }

  private void put(Block<T> next) throws InterruptedException {
    while (!closed) {
      if (queue.offer(next, 100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
    throw new InterruptedException("closed");
  }

  private Block<T> take() throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the file", e);
    }
  }

  private static <T> T rethrow(Throwable failure) throws IOException {
    if (failure == null) {
      return null;
    }
    if (failure instanceof IOException) {
      throw (IOException) failure;
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    throw new IOException(failure);
  }
}
