package io.filesight.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Seeded generators of hostile HTTP/1.1 requests, one per fuzz target. Requests are strings of
 * chars 0-255, sent as ISO-8859-1 bytes, so a char above 127 is one raw byte (UTF-8 sequences are
 * written byte by byte). Every request is complete: what its framing announces follows it.
 */
final class HostileRequests {
  static final String SHA1 = EndToEndContract.SHA1;
  static final String SHA256 = EndToEndContract.SHA256;
  static final String MD5 = "d41d8cd98f00b204e9800998ecf8427e";

  /** Every route of the server, {@code {id}} and {@code {asset}} to be filled in. */
  static final List<String> ROUTES =
      List.of(
          "/api/files/{id}/machines",
          "/api/alerts",
          "/health/live",
          "/health/ready",
          "/metrics",
          "/openapi.yaml",
          "/docs",
          "/docs/{asset}");

  private static final String[] IDS = {
    SHA1, SHA256, MD5, SHA1.toUpperCase(), "0000000000000000000000000000000000000001"
  };
  private static final String[] ASSETS = {
    "swagger-ui.css", "favicon-32x32.png", "index.html", "swagger-ui-bundle.js.map"
  };

  /** Percent signs not followed by two hex digits. */
  static final String[] BAD_ESCAPES = {
    "%", "%%", "%z", "%zz", "%4", "%4g", "%g4", "%u0041", "%U0041", "%-1", "%+1", "%%41", "%x41",
    "%0", "%\u00e9", "%.", "%/", "%?", "%#", "%;"
  };

  /** Well-formed escapes of what paths and decoders trip on. */
  private static final String[] ODD_ESCAPES = {
    "%2F",
    "%2f",
    "%2e",
    "%2E%2E",
    "%00",
    "%0d%0a",
    "%20",
    "%25",
    "%3F",
    "%23",
    "%3B",
    "%5C",
    "%C0%AF",
    "%FF",
    "%E2%82",
    "%ED%A0%80",
    "%EF%BC%91",
    "%F4%90%80%80",
    "%C3%A9",
    "%7F",
    "%252e",
    "%u002e"
  };

  private static final String[] PATH_PIECES = {
    ";",
    ";x=1",
    "//",
    "/./",
    "/../",
    "/..",
    "/.",
    "\\",
    "..",
    "@",
    ":",
    "*",
    "~",
    "!",
    "$",
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "|",
    "^",
    "`",
    "\"",
    "<",
    ">",
    "+",
    "&",
    "=",
    "#",
    "?",
    "?$top=1",
    "/",
    "\u00c3\u00a9",
    "\u00ef\u00bc\u0091",
    "\u00ff",
    "\u0080",
    "\u00a0",
    "\t",
    "\u0000",
    "\u0001",
    "\u001b",
    "\u007f",
    "\r",
    "\n",
    " ",
    "a".repeat(300)
  };

  private static final String[] QUERY_NAMES = {
    "$top",
    "$skip",
    "$top",
    "$skip",
    "$filter",
    "$select",
    "$orderby",
    "$count",
    "$expand",
    "$search",
    "$format",
    "$skiptoken",
    "$apply",
    "$compute",
    "$levels",
    "$deltatoken",
    "top",
    "skip",
    "%24top",
    "%24skip",
    "$TOP",
    "$Top",
    "$top%00",
    "$to%70",
    "$",
    "$$top",
    "$top%20",
    "%20$top",
    "$skip[]",
    "a",
    "$top%zz",
    "%zz",
    "%",
    "%u0024top",
    "$top;"
  };

  private static final String[] QUERY_VALUES = {
    "",
    "0",
    "1",
    "2",
    "100",
    "10000",
    "10001",
    "-1",
    "+1",
    "%2B1",
    "1e3",
    "0x10",
    "00001",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "1.5",
    "%201",
    "1%20",
    "%31%30",
    "%EF%BC%91",
    "\u00d9\u00a1",
    "%zz",
    "%4",
    "%",
    "%u0041",
    "%%",
    "null",
    "true",
    "computerDnsName%20eq%20'x'",
    "id eq '1'",
    "'",
    "\"",
    "(",
    "[]",
    "%00",
    "1%00",
    "%0d%0a",
    "1;2",
    "1,2",
    "=1",
    "1=1"
  };

  private static final String[] METHODS = {
    "GET",
    "GET",
    "GET",
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "DELETE",
    "OPTIONS",
    "TRACE",
    "PATCH",
    "CONNECT",
    "PRI",
    "PROPFIND",
    "get",
    "Get",
    "G ET",
    "GET\t",
    "",
    "M".repeat(300),
    "GE\u00d4",
    "GET\u0000",
    "GE:T",
    "G\"ET"
  };

  private static final String[] TARGETS = {
    "*",
    "http://127.0.0.1/health/live",
    "http://127.0.0.1/api/files/" + SHA1 + "/machines",
    "https://x/health/live",
    "HTTP://127.0.0.1/health/ready",
    "127.0.0.1:80",
    "",
    "/",
    "//",
    "?",
    "/health/live#frag",
    "#",
    "/%",
    "/health/%",
    "/docs/%4",
    "/api/files/%zz/machines",
    "/health/live?%zz",
    "/health/live?$top=%zz",
    "/api/files/" + SHA1 + "/machines?$top=%zz",
    "health/live",
    "/health/live/",
    "/HEALTH/LIVE",
    "/health//live",
    "/..%2F..%2Fetc/passwd",
    "/\u00ff",
    "/%u0041",
    "/api/files/%/machines",
    "/metrics%"
  };

  /** Protocol versions: well-formed ones first, then garbage. */
  private static final String[] VERSIONS = {
    "HTTP/1.1",
    "HTTP/1.1",
    "HTTP/1.1",
    "HTTP/1.0",
    "HTTP/0.9",
    "HTTP/2.0",
    "HTTP/3.0",
    "HTTP/9.9",
    "HTTP/1.2",
    "HTTP/1.9",
    "HTTP/4.0",
    "HTTP/2",
    "HTTP/3",
    "HTTP/10.1",
    "HTTP/1.10",
    "HTTP/01.1",
    "HTTP/1.01",
    "HTTP/1.1x",
    "http/1.1",
    "Http/1.1",
    "HTTP /1.1",
    "HTTP/1 .1",
    "HTTP/",
    "HTTP",
    "HTTP/1",
    "HTTP/1.",
    "HTTP/.1",
    "FOO",
    "HTTP/1.1 extra",
    "HTTP/a.b",
    "HTTPS/1.1",
    "HTTP/1.1\u0000",
    "HTTP/\u00b9.1",
    "HTTP/-1.1",
    "",
    "x"
  };

  /** Jetty reads the protocol name in any case ({@code http/1.1} is served as HTTP/1.1). */
  private static final Pattern WELL_FORMED_VERSION =
      Pattern.compile("HTTP/[0-9]\\.[0-9]", Pattern.CASE_INSENSITIVE);

  private static final String[] SEPARATORS = {" ", " ", " ", " ", "  ", "\t", "", " \t"};
  private static final String[] LINE_ENDS = {"\r\n", "\r\n", "\r\n", "\n", " \r\n"};

  private static final String[] HEADER_NAMES = {
    "Accept",
    "Accept-Encoding",
    "Accept-Charset",
    "Accept-Language",
    "Content-Type",
    "Cookie",
    "Origin",
    "Referer",
    "User-Agent",
    "X-Forwarded-For",
    "X-Forwarded-Proto",
    "X-Forwarded-Host",
    "X-Forwarded-Port",
    "Forwarded",
    "Via",
    "TE",
    "Trailer",
    "Upgrade",
    "Connection",
    "Expect",
    "Range",
    "If-None-Match",
    "If-Modified-Since",
    "Max-Forwards",
    "Proxy-Authorization",
    "request-id",
    "Content-Encoding",
    "Keep-Alive",
    "Pragma",
    "Cache-Control",
    "HTTP2-Settings",
    "X-Http-Method-Override",
    "X-Test",
    "x",
    ""
  };

  private static final String[] MALFORMED_NAMES = {
    "X Test", "X:Test", "X-T\u00e9st", "", "X\u0000", "(X)", "X-\"q\"", "Host ", " Host"
  };

  private static final String[] HEADER_VALUES = {
    "",
    " ",
    "x",
    "close",
    "keep-alive",
    "Upgrade, HTTP2-Settings",
    "h2c",
    "websocket",
    "100-continue",
    "102-processing",
    "bytes=0-1",
    "bytes=-1,0-",
    "*/*",
    "gzip;q=abc",
    "application/json; charset=utf-16",
    "text/html; charset=\"",
    "\"unbalanced",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "not a date",
    "-1",
    "99999999999999999999",
    "%zz",
    "\u00e9",
    "\u00c3\u00a9",
    "\u00ff\u00fe",
    "a\tb",
    "for=\"[::1]\";proto=https",
    "127.0.0.1, 10.0.0.1",
    "x".repeat(4000),
    "${jndi:ldap://x}",
    "() { :; };",
    "../../../../etc/passwd",
    "a,,,,b",
    ";;;",
    "\\",
    "\"\""
  };

  private static final String[] MALFORMED_VALUES = {"a\u0000b", "a\u0001b", "a\u007fb", "a\rb"};

  private static final String[] HOSTS = {
    "",
    " ",
    "x y",
    "[::1]",
    "[::1",
    "::1",
    "127.0.0.1:99999",
    "127.0.0.1:-1",
    "127.0.0.1:",
    "a@b",
    "a/b",
    "%zz",
    "\u00e9",
    "x".repeat(300),
    "127.0.0.1:8080:1",
    "*",
    "localhost."
  };

  private static final String[] BAD_CONTENT_LENGTHS = {
    "-1", "abc", "1 1", "+5", "0x10", "", "99999999999999999999", "5,6"
  };

  private static final String[] TRANSFER_CODINGS = {
    "chunked",
    "CHUNKED",
    " chunked",
    "gzip, chunked",
    "chunked, gzip",
    "gzip",
    "identity",
    "xchunked",
    "chunked;x=1",
    "chunked, chunked",
    "\u00e9"
  };

  private final SplittableRandom random;
  private final Supplier<String> authorization;

  /**
   * @param random this case's generator
   * @param authorization a valid {@code Authorization} value each time it is asked
   */
  HostileRequests(SplittableRandom random, Supplier<String> authorization) {
    this.random = random;
    this.authorization = authorization;
  }

  /** A generated request; {@code head} when its answer has no body. */
  record Request(String text, boolean head) {
    /**
     * Whether the request line names a protocol version that is well-formed but not HTTP/1.x
     * ({@code HTTP/9.9}), or none at all (an HTTP/0.9 request line): the one case where 505 is the
     * right answer.
     */
    boolean namesAnotherVersion() {
      int start = 0;
      while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n')) {
        start++;
      }
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end < 0 ? text.length() : end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      String[] words = line.strip().split("[ \t]+");
      if (words.length == 2) {
        return true;
      }
      return words.length == 3
          && WELL_FORMED_VERSION.matcher(words[2]).matches()
          && !words[2].equalsIgnoreCase("HTTP/1.1")
          && !words[2].equalsIgnoreCase("HTTP/1.0");
    }
  }

  /** A request line with a mutated method, target, version, separators and line end. */
  Request requestLine() {
    String method = chance(0.8) ? "GET" : pick(METHODS);
    String target = chance(0.5) ? route() : pick(TARGETS);
    if (chance(0.3)) {
      target = mutate(target, PATH_PIECES, BAD_ESCAPES, ODD_ESCAPES);
    }
    String version = pick(VERSIONS);
    if (chance(0.1)) {
      version =
          mutate(version, new String[] {"/", ".", "1", "9", " ", "\u00b9"}, new String[] {"x"});
    }
    String end = pick(LINE_ENDS);
    String line =
        method
            + (chance(0.8) ? " " : pick(SEPARATORS))
            + target
            + (version.isEmpty() ? "" : chance(0.8) ? " " : pick(SEPARATORS))
            + version
            + end;
    String prefix = chance(0.05) ? "\r\n" : "";
    String headers = "Host: 127.0.0.1" + end + (chance(0.3) ? authorizationLine(end) : "");
    return new Request(prefix + line + headers + end, method.equals("HEAD"));
  }

  /** A route of the server with a mutated path, with or without a valid token. */
  Request path() {
    String method = chance(0.85) ? "GET" : "HEAD";
    String path = route();
    int mutations = chance(0.1) ? 0 : 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      path = mutate(path, PATH_PIECES, BAD_ESCAPES, ODD_ESCAPES);
    }
    return ordinary(method, path, chance(0.5));
  }

  /** The machines route or another one with generated OData query options. */
  Request query() {
    String path = chance(0.8) ? "/api/files/" + pick(IDS) + "/machines" : route();
    int options = random.nextInt(5);
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < options; i++) {
      String name = pick(QUERY_NAMES);
      String value = pick(QUERY_VALUES);
      if (chance(0.15)) {
        name = mutate(name, new String[] {"$", "%24", " ", "+", "&", "="}, BAD_ESCAPES);
      }
      if (chance(0.2)) {
        value =
            mutate(
                value, new String[] {"0", "9", "-", "+", " ", "%20", "&", "=", "#"}, BAD_ESCAPES);
      }
      pairs.add(chance(0.1) ? name : name + pick("=", "=", "=", "==", "=%3D") + value);
    }
    String separator = pick("&", "&", "&", "&&", ";");
    String query = String.join(separator, pairs);
    if (chance(0.2)) {
      query = pick("&", "", "?") + query + pick("&", "", "#x", "&&");
    }
    return ordinary(chance(0.9) ? "GET" : "HEAD", path + "?" + query, chance(0.7));
  }

  /** A plain request line with generated, mutated and malformed header fields and framing. */
  Request headers() {
    String end = chance(0.9) ? "\r\n" : "\n";
    String path = chance(0.7) ? "/api/files/" + SHA1 + "/machines" : route();
    StringBuilder fields = new StringBuilder();
    if (chance(0.95)) {
      fields.append("Host: ").append(chance(0.85) ? "127.0.0.1" : pick(HOSTS)).append(end);
    }
    if (chance(0.05)) {
      fields.append("Host: ").append(pick(HOSTS)).append(end);
    }
    if (chance(0.6)) {
      fields.append(authorizationLine(end));
    }
    int extra = random.nextInt(7);
    for (int i = 0; i < extra; i++) {
      fields.append(field(end));
    }
    if (chance(0.05)) {
      for (int i = 0; i < 120; i++) {
        fields.append("X-Many-").append(i).append(": ").append(i).append(end);
      }
    }
    String body = "";
    switch (random.nextInt(8)) {
      case 0 -> {
        int length = random.nextInt(20);
        fields.append("Content-Length: ").append(length).append(end);
        body = "b".repeat(length);
      }
      case 1 -> fields.append("Content-Length: ").append(pick(BAD_CONTENT_LENGTHS)).append(end);
      case 2 -> {
        fields.append("Content-Length: 5").append(end).append("Content-Length: 5").append(end);
        body = "hello";
      }
      case 3 -> {
        String coding = pick(TRANSFER_CODINGS);
        fields.append("Transfer-Encoding: ").append(coding).append(end);
        if (chance(0.3)) {
          fields.append("Content-Length: 5").append(end);
        }
        // Five bytes: a complete chunked body and a complete five-byte one alike.
        body = "0\r\n\r\n";
      }
      default -> {}
    }
    return new Request("GET " + path + " HTTP/1.1" + end + fields + end + body, false);
  }

  /** One header field, well-formed or not. */
  private String field(String end) {
    String name = chance(0.95) ? pick(HEADER_NAMES) : pick(MALFORMED_NAMES);
    String value = chance(0.95) ? pick(HEADER_VALUES) : pick(MALFORMED_VALUES);
    if (chance(0.1)) {
      value = mutate(value, new String[] {"\u0000", "\r", "\u00ff", ",", ";", "\""}, BAD_ESCAPES);
    }
    return switch (random.nextInt(60)) {
      case 0 -> name + end; // no colon
      case 1 -> name + " : " + value + end; // whitespace before the colon
      case 2 -> name + ": " + value + end + " folded" + end; // obsolete line folding
      case 3 -> ": " + value + end; // no name
      case 4 -> name + ":" + value + "\r\r\n"; // a bare CR
      default -> name + ": " + value + end;
    };
  }

  private Request ordinary(String method, String target, boolean withToken) {
    return new Request(
        method
            + " "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (withToken ? authorizationLine("\r\n") : "")
            + "\r\n",
        method.equals("HEAD"));
  }

  private String authorizationLine(String end) {
    return "Authorization: " + authorization.get() + end;
  }

  /** A route with its parameters filled in. */
  String route() {
    return pick(ROUTES).replace("{id}", pick(IDS)).replace("{asset}", pick(ASSETS));
  }

  /**
   * {@code text} changed once: a piece inserted or put in place of a char, a range deleted or
   * doubled, a letter's case flipped, or the text cut short.
   */
  String mutate(String text, String[]... piecePools) {
    String[] pool = piecePools[random.nextInt(piecePools.length)];
    int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
    return switch (random.nextInt(7)) {
      case 0, 1 -> text.substring(0, at) + pick(pool) + text.substring(at);
      case 2 ->
          at < text.length()
              ? text.substring(0, at) + pick(pool) + text.substring(at + 1)
              : text + pick(pool);
      case 3 ->
          text.substring(0, at)
              + text.substring(Math.min(text.length(), at + 1 + random.nextInt(4)));
      case 4 -> {
        int to = Math.min(text.length(), at + 1 + random.nextInt(8));
        yield text.substring(0, to) + text.substring(at, to) + text.substring(to);
      }
      case 5 -> {
        if (at >= text.length()) {
          yield text + pick(pool);
        }
        char c = text.charAt(at);
        char flipped = (char) (c ^ 0x20);
        yield c < 0x80 && Character.isLetter(c)
            ? text.substring(0, at) + flipped + text.substring(at + 1)
            : text;
      }
      default -> text.substring(0, at);
    };
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  String pick(List<String> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
