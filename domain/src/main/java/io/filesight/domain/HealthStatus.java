package io.filesight.domain;

/** Defender machine entity `healthStatus`. */
public enum HealthStatus implements WireValue {
  ACTIVE("Active"),
  INACTIVE("Inactive"),
  IMPAIRED_COMMUNICATION("ImpairedCommunication"),
  NO_SENSOR_DATA("NoSensorData"),
  NO_SENSOR_DATA_IMPAIRED_COMMUNICATION("NoSensorDataImpairedCommunication"),
  UNKNOWN("Unknown");

  private final String wireName;

  HealthStatus(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The constant Defender writes as {@code wireName}, matched exactly. */
  public static HealthStatus fromWireName(String wireName) {
    return WireValue.parse(HealthStatus.class, wireName);
  }
}
