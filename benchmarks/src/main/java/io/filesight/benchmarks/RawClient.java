package io.filesight.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw HTTP/1.1 over a socket, for requests Java's HTTP clients refuse to send: writes bytes as
 * given and reads whatever comes back until the server closes or goes quiet.
 */
final class RawClient {
  /** Not anchored to a line start: a pipelined answer follows a body that ends without one. */
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");

  private RawClient() {}

  /** What came back on one connection: its bytes as text, and whether the server closed it. */
  record Exchange(String text, boolean closed, long millis) {
    /** The status of every answer in the bytes, in order (a pipelined or smuggled one too). */
    List<Integer> statuses() {
      List<Integer> statuses = new ArrayList<>();
      Matcher m = STATUS_LINE.matcher(text);
      while (m.find()) {
        statuses.add(Integer.parseInt(m.group(1)));
      }
      return statuses;
    }

    int status() {
      List<Integer> all = statuses();
      return all.isEmpty() ? -1 : all.get(0);
    }

    boolean stackTrace() {
      return text.contains("\tat ") || text.contains("Exception") || text.contains(".java:");
    }
  }

  /**
   * Sends {@code request} and reads until the server closes, nothing arrives for {@code
   * quietMillis} after {@code answers} status lines were read, or {@code maxMillis} passed.
   */
  static Exchange send(int port, String request, int answers, int quietMillis, int maxMillis)
      throws IOException {
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[65536];
      boolean closed = false;
      long deadline = started + maxMillis * 1_000_000L;
      while (System.nanoTime() < deadline) {
        int seen =
            new Exchange(read.toString(StandardCharsets.ISO_8859_1), false, 0).statuses().size();
        socket.setSoTimeout(seen >= answers ? quietMillis : Math.max(1, maxMillis));
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException e) {
          break;
        } catch (IOException e) {
          closed = true; // reset
          break;
        }
        if (n < 0) {
          closed = true;
          break;
        }
        read.write(buffer, 0, n);
      }
      return new Exchange(
          read.toString(StandardCharsets.ISO_8859_1),
          closed,
          (System.nanoTime() - started) / 1_000_000);
    }
  }
}
