package io.filesight.adapter.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw connection that can send bytes one at a time, a slowloris client, and read answers whole or
 * until the server closes.
 */
final class SlowClient implements AutoCloseable {
  /** How long a read waits: far beyond any deadline under test, so a hang fails the test. */
  static final int READ_TIMEOUT_MILLIS = 15_000;

  /** Between two bytes of a dribble: each byte restarts Jetty's idle timeout. */
  static final long DRIBBLE_INTERVAL_MILLIS = 200;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final AtomicInteger dribbled = new AtomicInteger();
  private volatile Thread dribbler;

  SlowClient(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts sending {@code text} one byte per interval on another thread, until closed or cut. */
  void dribble(String text) {
    Thread thread =
        new Thread(
            () -> {
              try {
                for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
                  out.write(b);
                  out.flush();
                  dribbled.incrementAndGet();
                  Thread.sleep(DRIBBLE_INTERVAL_MILLIS);
                }
              } catch (IOException | InterruptedException e) {
                // The server closed the connection, or the test is over.
              }
            },
            "slow-client");
    thread.setDaemon(true);
    dribbler = thread;
    thread.start();
  }

  /** Bytes the dribble has sent so far. */
  int dribbled() {
    return dribbled.get();
  }

  /** One answer on a kept-alive connection, read up to the end of its {@code Content-Length}. */
  TestServer.RawResponse readAnswer() {
    try {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("closed after " + head);
        }
        head.write(b);
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      TestServer.RawResponse parsed = TestServer.RawResponse.parse(text);
      String length = parsed.header("Content-Length");
      byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
      return TestServer.RawResponse.parse(text + new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Everything the server sends until it closes the connection; a reset counts as closing. Throws
   * if the server keeps the connection open beyond the read timeout.
   */
  String readUntilClosed() {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    try {
      in.transferTo(answer);
    } catch (SocketException e) {
      if (!e.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
        throw new UncheckedIOException(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    Thread thread = dribbler;
    if (thread != null) {
      thread.interrupt();
    }
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
