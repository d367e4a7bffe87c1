package io.filesight.adapter.http;

import io.filesight.domain.InvalidPageException;
import io.filesight.domain.Page;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the OData system query options of a collection from the raw query string: {@code $top} and
 * {@code $skip}, and, where a route tolerates them, options it accepts and ignores. Empty
 * parameters are tolerated ({@code ?$top=100&}, as a real SOAR connector sends); other {@code $}
 * options, repeated ones and malformed values are rejected naming the option. Parameters without
 * {@code $} are custom options, which OData services ignore.
 */
final class ODataQuery {
  private static final int MAX_DIGITS = 18;

  private ODataQuery() {}

  /**
   * The page a raw query string asks for; {@link Page#first()} when it names none.
   *
   * @throws UnsupportedQueryOptionException for an option other than $top/$skip, or a repeated one
   * @throws InvalidPageException for a value that is not a whole number in range
   */
  static Page page(String rawQuery) {
    return page(rawQuery, List.of());
  }

  /**
   * The page a raw query string asks for, accepting and ignoring the options {@code ignored} (each
   * once, any value).
   *
   * @throws UnsupportedQueryOptionException for another option, or a repeated one
   * @throws InvalidPageException for a $top or $skip that is not a whole number in range
   */
  static Page page(String rawQuery, List<String> ignored) {
    Long top = null;
    Long skip = null;
    Set<String> seen = new HashSet<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals), pair);
        String value = equals < 0 ? null : decode(pair.substring(equals + 1), name);
        if (!name.startsWith("$")) {
          continue;
        }
        boolean skipped = ignored.contains(name);
        if (!"$top".equals(name) && !"$skip".equals(name) && !skipped) {
          throw new UnsupportedQueryOptionException(
              name,
              "The query parameter '"
                  + DefenderErrors.echoable(name)
                  + "' is not supported; supported: $top, $skip"
                  + (ignored.isEmpty() ? "" : ", " + String.join(", ", ignored)));
        }
        if (!seen.add(name)) {
          throw new UnsupportedQueryOptionException(
              name, "The query parameter '" + name + "' is specified more than once");
        }
        if (skipped) {
          continue;
        }
        long number = wholeNumber(name, value);
        if ("$top".equals(name)) {
          top = number;
        } else {
          skip = number;
        }
      }
    }
    if (top != null && top > Page.MAX_TOP) {
      throw new InvalidPageException("$top", top, "must be between 1 and " + Page.MAX_TOP);
    }
    return new Page(skip == null ? 0 : skip, top == null ? Page.MAX_TOP : Math.toIntExact(top));
  }

  private static long wholeNumber(String option, String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_DIGITS || !asciiDigits(value)) {
      throw new InvalidPageException(
          option,
          value == null ? "" : DefenderErrors.echoable(value),
          "must be a whole number written in ASCII digits");
    }
    return Long.parseLong(value);
  }

  private static boolean asciiDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String decode(String text, String context) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedQueryOptionException(
          context, "The query parameter '" + DefenderErrors.echoable(context) + "' is malformed");
    }
  }
}
