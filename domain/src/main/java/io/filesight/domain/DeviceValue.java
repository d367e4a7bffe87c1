package io.filesight.domain;

/** Defender machine entity `deviceValue`. */
public enum DeviceValue implements WireValue {
  NORMAL("Normal"),
  LOW("Low"),
  HIGH("High");

  private final String wireName;

  DeviceValue(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The constant Defender writes as {@code wireName}, matched exactly. */
  public static DeviceValue fromWireName(String wireName) {
    return WireValue.parse(DeviceValue.class, wireName);
  }
}
