package io.filesight.adapter.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The body of one answer, assembled in a buffer its thread keeps for the next answer (growing to at
 * most {@value #KEPT_BUFFER} bytes), so assembling allocates nothing once the thread has served a
 * few answers. An answer that fits is written at once (see {@link #finish}); a larger one streams
 * through the same buffer, each time it fills, so a file seen on thousands of machines never needs
 * its whole answer in memory nor a buffer of its own. An answer is assembled and written on its
 * request's thread, before that thread serves another request.
 */
final class AnswerStream extends OutputStream {
  /** The most an answer keeps before it streams, and the most a thread keeps for the next one. */
  static final int KEPT_BUFFER = 64 * 1024;

  /** Jetty copies writes up to its output aggregation size (a quarter of its 32 KB buffer). */
  private static final int GATHERED_PIECE = 8 * 1024;

  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[8 * 1024]);

  private final Context ctx;
  private byte[] buffer = BUFFERS.get();
  private int count;
  private boolean streaming;

  AnswerStream(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      room(1);
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (count == buffer.length) {
        room(length);
      }
      int copied = Math.min(length, buffer.length - count);
      System.arraycopy(bytes, offset, buffer, count, copied);
      count += copied;
      offset += copied;
      length -= copied;
    }
  }

  /**
   * Writes what is kept. An answer that never streamed goes to the response in pieces Jetty gathers
   * in its output buffer (as Javalin's copy of a result would), so an answer that fits that buffer
   * leaves with its length; Javalin's compression applies as to any result.
   */
  void finish() throws IOException {
    OutputStream out = ctx.outputStream();
    if (streaming) {
      out.write(buffer, 0, count);
    } else {
      for (int from = 0; from < count; from += GATHERED_PIECE) {
        out.write(buffer, from, Math.min(GATHERED_PIECE, count - from));
      }
    }
    count = 0;
  }

  /** The buffer is full: grows it up to the kept size, else sends what it holds and streams. */
  private void room(int length) throws IOException {
    if (buffer.length < KEPT_BUFFER) {
      buffer = Arrays.copyOf(buffer, Math.min(KEPT_BUFFER, Math.max(count + length, count * 2)));
      BUFFERS.set(buffer);
      return;
    }
    streaming = true;
    ctx.outputStream().write(buffer, 0, count);
    count = 0;
  }
}
