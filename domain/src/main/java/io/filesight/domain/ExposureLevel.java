package io.filesight.domain;

/** Defender machine entity `exposureLevel`. */
public enum ExposureLevel implements WireValue {
  NONE("None"),
  LOW("Low"),
  MEDIUM("Medium"),
  HIGH("High");

  private final String wireName;

  ExposureLevel(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The constant Defender writes as {@code wireName}, matched exactly. */
  public static ExposureLevel fromWireName(String wireName) {
    return WireValue.parse(ExposureLevel.class, wireName);
  }
}
