package io.filesight.domain;

/** Defender machine entity `onboardingStatus`. */
public enum OnboardingStatus implements WireValue {
  ONBOARDED("Onboarded"),
  CAN_BE_ONBOARDED("CanBeOnboarded"),
  UNSUPPORTED("Unsupported"),
  INSUFFICIENT_INFO("InsufficientInfo");

  private final String wireName;

  OnboardingStatus(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The constant Defender writes as {@code wireName}, matched exactly. */
  public static OnboardingStatus fromWireName(String wireName) {
    return WireValue.parse(OnboardingStatus.class, wireName);
  }
}
