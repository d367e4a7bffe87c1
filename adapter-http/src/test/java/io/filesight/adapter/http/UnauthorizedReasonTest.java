package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.in.UnauthenticatedException;
import io.filesight.application.port.in.UnauthenticatedException.Reason;
import io.filesight.domain.TokenRejection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnauthorizedReasonTest {
  @ParameterizedTest
  @CsvSource({
    "MISSING_AUTHORIZATION, missing",
    "NOT_BEARER, not_bearer",
    "EMPTY_TOKEN, empty",
    "TOKEN_TOO_LONG, too_long"
  })
  void requestsWithoutAReadableTokenAreNamedByWhatWasWrong(Reason reason, String label) {
    assertThat(UnauthorizedReason.of(new UnauthenticatedException(reason, "detail")))
        .isEqualTo(label);
  }

  @ParameterizedTest
  @CsvSource({
    "MALFORMED, malformed",
    "UNKNOWN_KEY, unknown_key",
    "SIGNATURE, signature",
    "EXPIRED, expired",
    "NOT_YET_VALID, not_yet_valid",
    "ISSUER, issuer",
    "AUDIENCE, audience",
    "CLAIMS, claims"
  })
  void tokensNotTrustedAreNamedByTheirRejectionNeverByTheirText(
      TokenRejection rejection, String label) {
    assertThat(
            UnauthorizedReason.of(
                new UnauthenticatedException(rejection, "eyJhbGciOiJSUzI1NiJ9.secret", null)))
        .isEqualTo(label);
  }
}
