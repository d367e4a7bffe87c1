package io.filesight.adapter.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the token adapter: for {@link NimbusAccessTokenVerifier}, the one Azure AD
 * tenant trusted, the accepted audiences, where the signing keys come from, and the clock skew
 * tolerated on {@code exp}/{@code nbf}.
 */
public record TokenSettings(
    String tenantId, List<String> audiences, JwksSource keys, Duration clockSkew) {

  /** The Defender for Endpoint API hosts that clients request tokens for. */
  public static final List<String> DEFAULT_AUDIENCES =
      List.of(
          "https://api.securitycenter.microsoft.com",
          "https://api.securitycenter.windows.com",
          "https://api.security.microsoft.com");

  /** Azure AD's own leeway between its clocks and ours. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  public TokenSettings {
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("tenantId must not be blank");
    }
    audiences = List.copyOf(Objects.requireNonNull(audiences, "audiences"));
    if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("at least one non-blank audience is required");
    }
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clockSkew, "clockSkew");
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException(
          "clockSkew must be between 0 and " + MAX_CLOCK_SKEW + ", was " + clockSkew);
    }
  }

  /** Settings with the Defender audiences and a 60 s clock skew. */
  public static TokenSettings of(String tenantId, JwksSource keys) {
    return new TokenSettings(tenantId, DEFAULT_AUDIENCES, keys, DEFAULT_CLOCK_SKEW);
  }

  /** The issuers Azure AD uses for this tenant: v1 ({@code sts.windows.net}) and v2. */
  public List<String> issuers() {
    return List.of(
        "https://sts.windows.net/" + tenantId + "/",
        "https://login.microsoftonline.com/" + tenantId + "/v2.0");
  }
}
