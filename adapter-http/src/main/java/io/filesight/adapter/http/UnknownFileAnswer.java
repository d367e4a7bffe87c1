package io.filesight.adapter.http;

import java.util.Locale;

/**
 * Setting: how the endpoint answers a file never seen in the tenant. The 2019 Defender page says
 * 404; the live service has answered 200 with an empty {@code value} since 2021.
 */
public enum UnknownFileAnswer {
  /** 404 {@code NotFound}, as the "Get file related machines" page documents. */
  NOT_FOUND("not-found"),
  /** 200 with {@code "value": []}, as today's live service answers. */
  EMPTY("empty");

  private final String configValue;

  UnknownFileAnswer(String configValue) {
    this.configValue = configValue;
  }

  /** The spelling in configuration files and on the command line. */
  public String configValue() {
    return configValue;
  }

  /**
   * Parses a configuration value, {@code not-found} or {@code empty}, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values for anything else
   */
  public static UnknownFileAnswer fromConfigValue(String value) {
    String normalised = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (UnknownFileAnswer answer : values()) {
      if (answer.configValue.equals(normalised)) {
        return answer;
      }
    }
    throw new IllegalArgumentException(
        "unknown-file must be 'not-found' or 'empty', was '" + value + "'");
  }
}
