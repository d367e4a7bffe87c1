package io.filesight.bootstrap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One exchange over a raw socket, for requests that Java's HTTP clients refuse to send: writes the
 * bytes as given and reads one HTTP/1.x answer, framed by its own headers.
 */
final class RawHttp {
  /** Body bytes kept for inspection; the rest of a longer body is read and dropped. */
  static final int KEPT_BODY = 64 * 1024;

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9]{2})( .*)?");
  private static final int MAX_LINE = 16 * 1024;

  private RawHttp() {}

  /** Why no answer could be read: silence, a close, or something that is not HTTP. */
  static final class NoAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    NoAnswerException(String message) {
      super(message);
    }

    NoAnswerException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An answer: its status line, header block and (the first {@link #KEPT_BODY} bytes of) body. */
  record Answer(int status, String statusLine, String head, byte[] body) {
    String header(String name) {
      for (String line : head.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends {@code request} to the loopback {@code port} and reads the answer.
   *
   * @param head whether the request is a HEAD, whose answer has no body whatever it announces
   * @throws NoAnswerException when the connection closes, stalls for {@code timeoutMillis} or
   *     carries something else than an HTTP/1.x answer
   */
  static Answer exchange(int port, byte[] request, boolean head, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before reading everything (431, 414): read its answer.
      }
      InputStream in = new BufferedInputStream(socket.getInputStream());
      try {
        return read(in, head);
      } catch (SocketTimeoutException e) {
        throw new NoAnswerException("no answer within " + timeoutMillis + " ms", e);
      }
    }
  }

  private static Answer read(InputStream in, boolean head) throws IOException {
    while (true) {
      String statusLine = line(in);
      if (statusLine == null) {
        throw new NoAnswerException("the connection closed without an answer");
      }
      Matcher status = STATUS_LINE.matcher(statusLine);
      if (!status.matches()) {
        throw new NoAnswerException("not an HTTP/1.x status line: " + printable(statusLine));
      }
      StringBuilder headBlock = new StringBuilder(statusLine);
      long contentLength = -1;
      boolean chunked = false;
      for (String field = line(in); ; field = line(in)) {
        if (field == null) {
          throw new NoAnswerException("the connection closed inside the answer's headers");
        }
        if (field.isEmpty()) {
          break;
        }
        headBlock.append("\r\n").append(field);
        int colon = field.indexOf(':');
        String name = colon < 0 ? field : field.substring(0, colon).trim();
        String value = colon < 0 ? "" : field.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          contentLength = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        }
      }
      int code = Integer.parseInt(status.group(1));
      if (code < 200) {
        continue;
      }
      byte[] body;
      if (head || code == 204 || code == 304) {
        body = new byte[0];
      } else if (chunked) {
        body = chunkedBody(in);
      } else if (contentLength >= 0) {
        body = body(in, contentLength);
      } else {
        body = body(in, Long.MAX_VALUE);
      }
      return new Answer(code, statusLine, headBlock.toString(), body);
    }
  }

  private static byte[] chunkedBody(InputStream in) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new NoAnswerException("the connection closed inside a chunked body");
      }
      int extension = size.indexOf(';');
      long length =
          Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
      if (length == 0) {
        for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
          // Trailer fields are not inspected.
        }
        return kept.toByteArray();
      }
      kept.writeBytes(body(in, length));
      line(in);
    }
  }

  /** Reads {@code length} bytes (or up to the close when unbounded), keeping the first ones. */
  private static byte[] body(InputStream in, long length) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long remaining = length;
    while (remaining > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (read < 0) {
        if (length == Long.MAX_VALUE) {
          break;
        }
        throw new NoAnswerException("the connection closed inside the body");
      }
      int keep = Math.min(read, KEPT_BODY - kept.size());
      if (keep > 0) {
        kept.write(buffer, 0, keep);
      }
      remaining -= read;
    }
    return kept.toByteArray();
  }

  /** A line without its CRLF or LF, {@code null} at the end of the stream before any byte. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new NoAnswerException("a line of the answer exceeds " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** {@code text} with every byte outside printable ASCII written as a Java escape. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
