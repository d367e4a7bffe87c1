package io.filesight.adapter.http;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpParser;

/**
 * Jetty's HTTP/1 request parser, telling an unsupported protocol version (505) from a malformed one
 * (400). Jetty rejects every version outside its table with the same 505 "Unknown Version", {@code
 * HTTP/9.9} and {@code FOO} alike, and has already dropped the text when it reports it; and it
 * answers {@code HTTP/2.0} without the h2c preface with 426, naming an upgrade this server does not
 * offer. So this parser keeps the request line's last word while it is being parsed, and re-labels
 * the rejection: a version of the form {@code HTTP/<digit>.<digit>} (RFC 9112 section 2.3) that is
 * not served is 505, anything else 400 with {@link #MALFORMED_VERSION}.
 */
final class ProtocolVersionParser extends HttpParser {
  /** The reason of a 400 for a request line whose version is not {@code HTTP/<digit>.<digit>}. */
  static final String MALFORMED_VERSION = "Malformed Version";

  /** The reason of a 505 for a well-formed version that is not HTTP/1.0 or HTTP/1.1. */
  static final String UNSUPPORTED_VERSION = "Unsupported Version";

  private static final String JETTY_UNKNOWN_VERSION = "Unknown Version";
  private static final String JETTY_UPGRADE_REQUIRED = "Upgrade Required";

  /** RFC 9112: {@code HTTP-version = HTTP-name "/" DIGIT "." DIGIT}, the name case-sensitive. */
  private static final Pattern WELL_FORMED_VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");

  /** Longest tail of a request line kept between reads; a version is 8 characters. */
  private static final int KEPT_TAIL = 64;

  private static final Set<State> REQUEST_LINE =
      EnumSet.of(
          State.START, State.METHOD, State.SPACE1, State.URI, State.SPACE2, State.REQUEST_VERSION);

  /** The end of the request line read by earlier calls, while it is still being parsed. */
  private final StringBuilder lineTail = new StringBuilder();

  /** What the current call is parsing, from where it started; null outside a request line. */
  private ByteBuffer parsing;

  ProtocolVersionParser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
    super(handler, maxHeaderBytes, compliance);
  }

  @Override
  public boolean parseNext(ByteBuffer buffer) {
    if (!REQUEST_LINE.contains(getState())) {
      lineTail.setLength(0);
      return super.parseNext(buffer);
    }
    // A view, because Jetty clears the buffer before it reports a bad message; the bytes stay.
    parsing = buffer.duplicate();
    int from = buffer.position();
    try {
      boolean handled = super.parseNext(buffer);
      if (REQUEST_LINE.contains(getState())) {
        keep(parsing, from, buffer.position());
      } else {
        lineTail.setLength(0);
      }
      return handled;
    } finally {
      parsing = null;
    }
  }

  @Override
  protected void badMessage(HttpException failure) {
    super.badMessage(relabel(failure));
  }

  private HttpException relabel(HttpException failure) {
    if (failure.getCode() == 426 && JETTY_UPGRADE_REQUIRED.equals(failure.getReason())) {
      return new HttpException.RuntimeException(505, UNSUPPORTED_VERSION);
    }
    if (failure.getCode() != 505 || !JETTY_UNKNOWN_VERSION.equals(failure.getReason())) {
      return failure;
    }
    StringBuilder line = new StringBuilder(lineTail);
    if (parsing != null) {
      boolean started = !isBlank(line);
      for (int i = parsing.position(); i < parsing.limit(); i++) {
        char c = (char) (parsing.get(i) & 0xff);
        if (c == '\n' && started) {
          break;
        }
        started |= c != '\r' && c != '\n';
        line.append(c);
      }
    }
    return WELL_FORMED_VERSION.matcher(lastWord(line)).matches()
        ? new HttpException.RuntimeException(505, UNSUPPORTED_VERSION)
        : new BadMessageException(400, MALFORMED_VERSION);
  }

  private void keep(ByteBuffer bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      lineTail.append((char) (bytes.get(i) & 0xff));
    }
    if (isBlank(lineTail)) {
      // Empty lines before a request line are skipped by the parser; they are not part of it.
      lineTail.setLength(0);
    } else if (lineTail.length() > KEPT_TAIL) {
      lineTail.delete(0, lineTail.length() - KEPT_TAIL);
    }
  }

  /** The text after the last space or tab of a request line, without its line end. */
  static String lastWord(CharSequence requestLine) {
    int end = requestLine.length();
    while (end > 0
        && (requestLine.charAt(end - 1) == '\r' || requestLine.charAt(end - 1) == '\n')) {
      end--;
    }
    int start = end;
    while (start > 0
        && requestLine.charAt(start - 1) != ' '
        && requestLine.charAt(start - 1) != '\t') {
      start--;
    }
    return requestLine.subSequence(start, end).toString();
  }

  private static boolean isBlank(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != '\r' && text.charAt(i) != '\n') {
        return false;
      }
    }
    return true;
  }
}
