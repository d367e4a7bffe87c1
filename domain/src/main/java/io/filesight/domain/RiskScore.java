package io.filesight.domain;

/** Defender machine entity `riskScore`. */
public enum RiskScore implements WireValue {
  NONE("None"),
  INFORMATIONAL("Informational"),
  LOW("Low"),
  MEDIUM("Medium"),
  HIGH("High");

  private final String wireName;

  RiskScore(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The constant Defender writes as {@code wireName}, matched exactly. */
  public static RiskScore fromWireName(String wireName) {
    return WireValue.parse(RiskScore.class, wireName);
  }
}
