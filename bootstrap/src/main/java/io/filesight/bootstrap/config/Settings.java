package io.filesight.bootstrap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of setting values with one-line errors that name the setting and its variable. */
public final class Settings {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(k|kib|m|mib)?");

  private Settings() {}

  /** {@code --port} style name plus its environment variable, for messages. */
  public static String describe(String option) {
    return option + " (" + EnvironmentAndFileDefaults.environmentVariable(option) + ")";
  }

  public static ConfigurationException invalid(String option, Object value, String rule) {
    return new ConfigurationException(
        describe(option) + ": invalid value '" + value + "': " + rule);
  }

  public static <T> T required(String option, T value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new ConfigurationException(describe(option) + ": required but not set");
    }
    return value;
  }

  public static int atLeast(String option, int value, int minimum) {
    if (value < minimum) {
      throw invalid(option, value, "must be " + minimum + " or more");
    }
    return value;
  }

  /** A whole number from {@code minimum} to {@code maximum}. */
  public static int count(String option, String value, int minimum, int maximum) {
    String text = required(option, value).strip();
    int count;
    try {
      count = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw invalid(option, value, "must be a whole number");
    }
    if (count < minimum || count > maximum) {
      throw invalid(option, value, "must be between " + minimum + " and " + maximum);
    }
    return count;
  }

  public static int port(String option, int port) {
    if (port < 0 || port > 65_535) {
      throw invalid(option, port, "must be between 0 and 65535");
    }
    return port;
  }

  /**
   * Durations like {@code 90}, {@code 90s}, {@code 15m}, {@code 12h}, {@code 7d} or ISO {@code
   * PT1H}.
   */
  public static Duration duration(String option, String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.startsWith("pt") || text.startsWith("p")) {
      try {
        return positive(option, value, Duration.parse(text.toUpperCase(Locale.ROOT)));
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid(option, value, "not a duration such as 90s, 15m, 12h or PT1H");
      }
    }
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw invalid(option, value, "not a duration such as 90s, 15m, 12h or PT1H");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    Duration duration =
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> Duration.ofSeconds(amount);
        };
    return positive(option, value, duration);
  }

  private static Duration positive(String option, String value, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw invalid(option, value, "must be positive");
    }
    return duration;
  }

  /**
   * A size in bytes like {@code 20480}, {@code 20k} or {@code 20KiB} ({@code k} and {@code KiB} are
   * 1024 bytes, {@code m} and {@code MiB} 1024 KiB), between {@code minimum} and {@code maximum}.
   */
  public static int bytes(String option, String value, int minimum, int maximum) {
    Matcher matcher = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw invalid(option, value, "not a size such as 20480, 20k or 20KiB");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "" : matcher.group(2);
    long bytes =
        switch (unit) {
          case "k", "kib" -> amount * 1024;
          case "m", "mib" -> amount * 1024 * 1024;
          default -> amount;
        };
    if (bytes < minimum || bytes > maximum) {
      throw invalid(
          option, value, "must be between " + sizeText(minimum) + " and " + sizeText(maximum));
    }
    return (int) bytes;
  }

  private static String sizeText(int bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + "MiB";
    }
    return bytes % 1024 == 0 ? bytes / 1024 + "KiB" : bytes + " bytes";
  }

  /** An absolute http(s) URL, without a trailing slash. */
  public static URI baseUrl(String option, String value) {
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw invalid(option, value, "must be an absolute http or https URL");
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw invalid(option, value, "must not have a query or fragment");
      }
      String text = uri.toString();
      return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (URISyntaxException e) {
      throw invalid(option, value, "not a URL");
    }
  }

  /** One of {@code allowed}, compared exactly. */
  public static String oneOf(String option, String value, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return value;
      }
    }
    throw invalid(option, value, "must be one of " + String.join(", ", allowed));
  }

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * A token audience as Azure AD writes {@code aud}: an application id (a GUID) or an absolute URI
   * such as {@code https://api.securitycenter.microsoft.com} or {@code api://filesight}.
   */
  public static String audience(String option, String value) {
    String audience = value.strip();
    if (GUID.matcher(audience).matches()) {
      return audience;
    }
    try {
      URI uri = new URI(audience);
      if (uri.getScheme() == null || uri.getRawSchemeSpecificPart().isEmpty()) {
        throw invalid(option, value, "must be an application id (GUID) or an absolute URI");
      }
      return audience;
    } catch (URISyntaxException e) {
      throw invalid(option, value, "must be an application id (GUID) or an absolute URI");
    }
  }
}
