package io.filesight.adapter.http;

/**
 * The raw request path has a {@code %} that is not followed by two hex digits, which no URI may
 * have (RFC 3986, section 2.1).
 */
final class MalformedPathException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private MalformedPathException() {
    super("The request path is malformed: a '%' must be followed by two hex digits");
  }

  /**
   * Passes a raw path whose every {@code %} starts a {@code %XX} escape. Jetty refuses most other
   * shapes itself, but lets {@code %uXXXX} and any escape after a {@code ;} in a segment through,
   * and the router would fail decoding them into a path parameter.
   *
   * @throws MalformedPathException otherwise
   */
  static void requireWellFormed(String rawPath) {
    if (rawPath == null) {
      return;
    }
    int percent = rawPath.indexOf('%');
    while (percent >= 0) {
      if (percent + 2 >= rawPath.length()
          || !hexDigit(rawPath.charAt(percent + 1))
          || !hexDigit(rawPath.charAt(percent + 2))) {
        throw new MalformedPathException();
      }
      percent = rawPath.indexOf('%', percent + 3);
    }
  }

  private static boolean hexDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
