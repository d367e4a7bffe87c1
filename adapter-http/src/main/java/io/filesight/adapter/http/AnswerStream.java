package io.filesight.adapter.http;

import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The body of one answer: kept in memory while it is small, then written to the response at once
 * (as a fixed body would be); once it outgrows {@code limit} bytes it streams, so a file seen on
 * thousands of machines never needs its whole answer in one buffer.
 *
 * <p>The buffer an answer is assembled in is kept by its thread for the next answer while it is at
 * most {@value #KEPT_BUFFER} bytes, so assembling allocates nothing once the thread has served a
 * few answers, and the answer is written from that buffer: no copy of it is handed to Javalin (a
 * result would be copied once into a new array and again through Javalin's copy buffer). An answer
 * is assembled and written on its request's thread, before that thread serves another request.
 */
final class AnswerStream extends OutputStream {
  private static final int STREAM_BUFFER = 16 * 1024;
  private static final int KEPT_BUFFER = 64 * 1024;

  /** Jetty copies writes up to its output aggregation size (a quarter of its 32 KB buffer). */
  private static final int GATHERED_PIECE = 8 * 1024;

  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[8 * 1024]);

  private final Context ctx;
  private final int limit;
  private byte[] buffer = BUFFERS.get();
  private int count;
  private OutputStream streaming;

  AnswerStream(Context ctx, int limit) {
    this.ctx = ctx;
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    if (streaming != null) {
      streaming.write(b);
      return;
    }
    room(1);
    if (streaming != null) {
      streaming.write(b);
    } else {
      buffer[count++] = (byte) b;
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (streaming == null) {
      room(length);
    }
    if (streaming != null) {
      streaming.write(bytes, offset, length);
    } else {
      System.arraycopy(bytes, offset, buffer, count, length);
      count += length;
    }
  }

  /**
   * Sends what is kept, or ends the stream. What is kept goes to the response in pieces Jetty
   * gathers in its output buffer (as Javalin's copy of a result would), so an answer that fits that
   * buffer leaves with its length; Javalin's compression applies as to any result.
   */
  void finish() throws IOException {
    if (streaming == null) {
      OutputStream out = ctx.outputStream();
      for (int from = 0; from < count; from += GATHERED_PIECE) {
        out.write(buffer, from, Math.min(GATHERED_PIECE, count - from));
      }
    } else {
      streaming.flush();
    }
  }

  /** Makes room for {@code length} more bytes in memory, or switches to streaming. */
  private void room(int length) throws IOException {
    int needed = count + length;
    if (needed <= buffer.length) {
      return;
    }
    if (needed > limit) {
      streaming = new BufferedOutputStream(ctx.outputStream(), STREAM_BUFFER);
      streaming.write(buffer, 0, count);
      buffer = null;
      return;
    }
    buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(needed, buffer.length * 2)));
    if (buffer.length <= KEPT_BUFFER) {
      BUFFERS.set(buffer);
    }
  }
}
