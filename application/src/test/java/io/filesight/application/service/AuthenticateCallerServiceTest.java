package io.filesight.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.FakeAccessTokenVerifier;
import io.filesight.application.port.in.UnauthenticatedException;
import io.filesight.application.port.in.UnauthenticatedException.Reason;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Permission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateCallerServiceTest {
  private static final ApplicationCaller CALLER =
      new ApplicationCaller("t", "a", Set.of(Permission.MACHINE_READ_ALL));
  private final AuthenticateCallerService service =
      new AuthenticateCallerService(new FakeAccessTokenVerifier().accept("good", CALLER));

  @ParameterizedTest
  @ValueSource(strings = {"Bearer good", "bearer good", "BEARER good", "Bearer  good "})
  void acceptsABearerTokenWhateverTheSchemeCase(String header) {
    assertThat(service.authenticate(header)).isEqualTo(CALLER);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | MISSING_AUTHORIZATION",
        "'   ' | MISSING_AUTHORIZATION",
        "Basic Z29vZA== | NOT_BEARER",
        "Bearergood | NOT_BEARER",
        "good | NOT_BEARER",
        "'Bearer ' | EMPTY_TOKEN",
        "'Bearer    ' | EMPTY_TOKEN",
        "Bearer bad | INVALID_TOKEN",
      })
  void rejectsAnythingButAValidBearerToken(String header, Reason reason) {
    assertThatThrownBy(() -> service.authenticate(header))
        .isInstanceOfSatisfying(
            UnauthenticatedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void rejectsAMissingHeader() {
    assertThatThrownBy(() -> service.authenticate(null))
        .isInstanceOfSatisfying(
            UnauthenticatedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_AUTHORIZATION));
  }

  @Test
  void rejectsATokenOverSixteenKilobytesWithoutVerifyingIt() {
    String header = "Bearer " + "a".repeat(AuthenticateCallerService.MAX_TOKEN_LENGTH + 1);

    assertThatThrownBy(() -> service.authenticate(header))
        .isInstanceOfSatisfying(
            UnauthenticatedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_TOO_LONG));
  }
}
