package io.filesight.domain;

/** Rejection of a page request outside the OData limits; names the query option at fault. */
public final class InvalidPageException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final String option;
  private final transient Object value;

  public InvalidPageException(String option, Object value, String rule) {
    super("Invalid value '" + value + "' for query option " + option + ": " + rule);
    this.option = option;
    this.value = value;
  }

  /** The OData query option, e.g. {@code $top}. */
  public String option() {
    return option;
  }

  public Object value() {
    return value;
  }
}
