package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.port.in.UnauthenticatedException;
import io.filesight.application.port.in.UnauthenticatedException.Reason;
import io.filesight.application.service.AuthenticateCallerService;
import io.filesight.domain.ApplicationCaller;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Authorization header cases of issue 4, through the use case and the real verifier. */
class BearerAuthenticationTest {
  TokenFixture fixture;
  AuthenticateCallerService authenticate;

  @BeforeEach
  void setUp() {
    fixture = new TokenFixture();
    authenticate = new AuthenticateCallerService(fixture.verifier);
  }

  private void assertUnauthenticated(String header, Reason reason) {
    assertThatThrownBy(() -> authenticate.authenticate(header))
        .isInstanceOfSatisfying(
            UnauthenticatedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void validBearerTokenAuthenticates() {
    String token = fixture.applicationToken(List.of("Machine.Read.All"));

    assertThat(authenticate.authenticate("Bearer " + token)).isInstanceOf(ApplicationCaller.class);
  }

  @Test
  void emptyBearerIsRejected() {
    assertUnauthenticated("Bearer    ", Reason.EMPTY_TOKEN);
  }

  @Test
  void otherSchemeIsRejected() {
    String token = fixture.applicationToken(List.of("Machine.Read.All"));

    assertUnauthenticated("Basic " + token, Reason.NOT_BEARER);
  }

  @Test
  void tokenOver16KbIsRejectedBeforeVerification() {
    // A real token made huge by group claims: it would verify, but is refused for its size.
    List<String> groups = Collections.nCopies(500, "00000000-0000-0000-0000-000000000000");
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .claim("scp", "Machine.Read")
                .claim("oid", "u")
                .claim("groups", groups)
                .build());
    assertThat(token.length()).isGreaterThan(AuthenticateCallerService.MAX_TOKEN_LENGTH);

    assertUnauthenticated("Bearer " + token, Reason.TOKEN_TOO_LONG);
    assertThat(fixture.verifier.signatureChecks()).isZero();
  }

  @Test
  void forgedTokenIsReportedAsInvalid() {
    assertUnauthenticated("Bearer a.b.c", Reason.INVALID_TOKEN);
  }
}
