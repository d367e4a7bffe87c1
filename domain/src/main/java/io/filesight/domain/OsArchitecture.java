package io.filesight.domain;

/** Defender machine entity `osArchitecture`. */
public enum OsArchitecture implements WireValue {
  BITS_32("32-bit"),
  BITS_64("64-bit");

  private final String wireName;

  OsArchitecture(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The constant Defender writes as {@code wireName}, matched exactly. */
  public static OsArchitecture fromWireName(String wireName) {
    return WireValue.parse(OsArchitecture.class, wireName);
  }
}
