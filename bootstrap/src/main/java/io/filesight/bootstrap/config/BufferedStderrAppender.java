package io.filesight.bootstrap.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The access log's output: lines go to stderr in batches of whole lines, at most {@link
 * #FLUSH_INTERVAL} after they were logged (sooner when {@value #BUFFER_BYTES} bytes are waiting),
 * instead of one write to stderr per request; like nginx's {@code access_log ... buffer= flush=}.
 * Lines still waiting are written when the appender stops (a logging reset) and when the JVM shuts
 * down, after which every line is written at once; only a killed process loses its last lines.
 */
final class BufferedStderrAppender extends OutputStreamAppender<ILoggingEvent> {
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);
  static final int BUFFER_BYTES = 64 * 1024;

  private final Duration flushInterval;
  private ScheduledExecutorService flusher;
  private Thread atExit;

  BufferedStderrAppender() {
    this(FLUSH_INTERVAL);
  }

  BufferedStderrAppender(Duration flushInterval) {
    this.flushInterval = flushInterval;
  }

  @Override
  public void start() {
    setOutputStream(new StderrBatches(BUFFER_BYTES));
    setImmediateFlush(false);
    super.start();
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "access-log-flush");
              thread.setDaemon(true);
              return thread;
            });
    long interval = flushInterval.toMillis();
    flusher.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
    atExit = new Thread(this::flushEveryLineFromNowOn, "access-log-flush-at-exit");
    Runtime.getRuntime().addShutdownHook(atExit);
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    flusher.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(atExit);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs or ran: it wrote what was waiting.
    }
    super.stop(); // closing the batches writes what is waiting; stderr itself stays open
  }

  /** Writes the lines waiting, if any. */
  void flush() {
    streamWriteLock.lock();
    try {
      getOutputStream().flush();
    } catch (IOException e) {
      addError("writing access lines to stderr failed", e);
    } finally {
      streamWriteLock.unlock();
    }
  }

  private void flushEveryLineFromNowOn() {
    // Set before taking the lock in flush(): a writer taking it afterwards sees the change.
    setImmediateFlush(true);
    flush();
  }

  /**
   * Whole lines kept until flushed, or until the next line would not fit; then written to the
   * current {@code System.err} in one call (its lock keeps them apart from other stderr lines).
   * Used under the appender's write lock only.
   */
  private static final class StderrBatches extends OutputStream {
    private final byte[] waiting;
    private int count;

    StderrBatches(int size) {
      waiting = new byte[size];
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (length > waiting.length - count) {
        flush();
      }
      if (length >= waiting.length) {
        toStderr(bytes, offset, length);
        return;
      }
      System.arraycopy(bytes, offset, waiting, count, length);
      count += length;
    }

    @Override
    public void flush() {
      if (count > 0) {
        toStderr(waiting, 0, count);
        count = 0;
      }
    }

    private static void toStderr(byte[] bytes, int offset, int length) {
      PrintStream err = System.err;
      err.write(bytes, offset, length);
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
