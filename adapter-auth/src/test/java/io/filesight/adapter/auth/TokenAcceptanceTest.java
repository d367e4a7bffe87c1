package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.port.out.InvalidTokenException;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.DelegatedCaller;
import io.filesight.domain.Permission;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokens that must pass, and the caller each one yields. */
class TokenAcceptanceTest {
  static final List<String> AUDIENCES = TokenSettings.DEFAULT_AUDIENCES;

  TokenFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new TokenFixture();
  }

  @Test
  void applicationTokenYieldsAnApplicationCallerWithItsKnownRoles() {
    String token =
        fixture.applicationToken(
            List.of("Machine.Read.All", "Alert.Read.All", "User.Read.All", "machine.read.all"));

    Caller caller = fixture.verifier.verify(token);

    assertThat(caller)
        .isEqualTo(
            new ApplicationCaller(
                TokenFixture.TENANT,
                TokenFixture.APP,
                Set.of(Permission.MACHINE_READ_ALL, Permission.ALERT_READ_ALL)));
  }

  @Test
  void delegatedTokenYieldsADelegatedCallerWithScopesAndGroups() {
    String token =
        fixture.tokens.delegated(
            TokenFixture.TENANT,
            TokenFixture.APP,
            TokenFixture.USER,
            List.of("Machine.Read", "User.Read"),
            List.of("group-a", "group-b"),
            Duration.ofHours(1));

    Caller caller = fixture.verifier.verify(token);

    assertThat(caller)
        .isEqualTo(
            new DelegatedCaller(
                TokenFixture.TENANT,
                TokenFixture.APP,
                TokenFixture.USER,
                Set.of(Permission.MACHINE_READ),
                Set.of("group-a", "group-b")));
  }

  /** The two ways Azure AD says a user is in more groups than a token lists. */
  static Stream<Arguments> groupOverageShapes() {
    Function<TokenFixture, String> claimNames =
        fixture ->
            fixture.tokens.delegatedOverGroupLimit(
                TokenFixture.TENANT,
                TokenFixture.APP,
                TokenFixture.USER,
                List.of("Machine.Read"),
                Duration.ofHours(1));
    Function<TokenFixture, String> hasGroups =
        fixture ->
            fixture.signTrusted(
                fixture
                    .validClaims()
                    .claim("scp", "Machine.Read")
                    .claim("oid", TokenFixture.USER)
                    .claim("hasgroups", true)
                    .build());
    return Stream.of(
        Arguments.of("_claim_names.groups", claimNames),
        Arguments.of("hasgroups (implicit flow)", hasGroups));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groupOverageShapes")
  void delegatedTokenWithAGroupOverageYieldsACallerOverTheGroupLimit(
      String shape, Function<TokenFixture, String> token) {
    Caller caller = fixture.verifier.verify(token.apply(fixture));

    assertThat(caller)
        .isEqualTo(
            new DelegatedCaller(
                TokenFixture.TENANT,
                TokenFixture.APP,
                TokenFixture.USER,
                Set.of(Permission.MACHINE_READ),
                Set.of(),
                true));
  }

  @Test
  void delegatedTokenListingItsGroupsIsNotOverTheGroupLimit() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .claim("scp", "Machine.Read")
                .claim("oid", TokenFixture.USER)
                .claim("groups", List.of("group-a"))
                .claim("hasgroups", false)
                .claim("_claim_names", Map.of("email", "src1"))
                .build());

    DelegatedCaller caller = (DelegatedCaller) fixture.verifier.verify(token);

    assertThat(caller.groupOverage()).isFalse();
    assertThat(caller.userGroups()).containsExactly("group-a");
  }

  @Test
  void delegatedTokenCarryingRolesStaysDelegated() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .claim("scp", "Machine.ReadWrite")
                .claim("oid", TokenFixture.USER)
                .claim("roles", List.of("Machine.Read.All"))
                .build());

    Caller caller = fixture.verifier.verify(token);

    assertThat(caller).isInstanceOf(DelegatedCaller.class);
    assertThat(caller.permissions()).containsExactly(Permission.MACHINE_READ_WRITE);
    assertThat(((DelegatedCaller) caller).userGroups()).isEmpty();
  }

  @Test
  void v2TokenNamesItsClientInAzp() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .issuer("https://login.microsoftonline.com/" + TokenFixture.TENANT + "/v2.0")
                .claim("appid", null)
                .claim("azp", "v2-client")
                .claim("ver", "2.0")
                .build());

    assertThat(fixture.verifier.verify(token).appId()).isEqualTo("v2-client");
  }

  @ParameterizedTest
  @FieldSource("AUDIENCES")
  void everyDefenderAudienceIsAccepted(String audience) {
    String token = fixture.signTrusted(fixture.validClaims().audience(audience).build());

    assertThat(fixture.verifier.verify(token).tenantId()).isEqualTo(TokenFixture.TENANT);
  }

  @Test
  void aV1TokenForTheWindowsAtpServiceResourceIsAcceptedByDefault() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .audience("https://securitycenter.onmicrosoft.com/windowsatpservice")
                .build());

    assertThat(fixture.verifier.verify(token)).isInstanceOf(ApplicationCaller.class);
  }

  @Test
  void aV2TokenForTheWindowsDefenderAtpApplicationIdIsAcceptedByDefault() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .audience("fc780465-2017-40d4-a0c5-307022471b92")
                .issuer("https://login.microsoftonline.com/" + TokenFixture.TENANT + "/v2.0")
                .claim("appid", null)
                .claim("azp", "v2-client")
                .claim("ver", "2.0")
                .build());

    assertThat(fixture.verifier.verify(token).appId()).isEqualTo("v2-client");
  }

  @Test
  void expiryWithinTheSkewIsAccepted() {
    String token = fixture.applicationToken(List.of("Machine.Read.All"));
    fixture.clock.advance(Duration.ofHours(1).plusSeconds(59));

    assertThat(fixture.verifier.verify(token)).isInstanceOf(ApplicationCaller.class);
  }

  @Test
  void notBeforeWithinTheSkewIsAccepted() {
    String token =
        fixture.signTrusted(
            fixture
                .validClaims()
                .notBeforeTime(Date.from(TokenFixture.NOW.plusSeconds(59)))
                .build());

    assertThat(fixture.verifier.verify(token)).isInstanceOf(ApplicationCaller.class);
  }

  @Test
  void tokenWithoutNotBeforeIsAccepted() {
    String token = fixture.signTrusted(fixture.validClaims().notBeforeTime(null).build());

    assertThat(fixture.verifier.verify(token)).isInstanceOf(ApplicationCaller.class);
  }

  @Test
  void repeatedTokenIsVerifiedOnlyOnce() {
    String token = fixture.applicationToken(List.of("Machine.Read.All"));

    Caller first = fixture.verifier.verify(token);
    Caller second = fixture.verifier.verify(token);
    Caller third = fixture.verifier.verify(token);

    assertThat(second).isEqualTo(first).isEqualTo(third);
    assertThat(fixture.verifier.signatureChecks()).isEqualTo(1);
    assertThat(fixture.verifier.keyLoads()).isEqualTo(1);
  }

  @Test
  void cachedTokenStillExpires() {
    String token = fixture.applicationToken(List.of("Machine.Read.All"));
    fixture.verifier.verify(token);

    fixture.clock.advance(Duration.ofHours(1).plusSeconds(61));

    assertThatThrownBy(() -> fixture.verifier.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void distinctTokensAreEachVerified() {
    fixture.verifier.verify(fixture.applicationToken(List.of("Machine.Read.All")));
    fixture.clock.advance(Duration.ofSeconds(1));
    fixture.verifier.verify(fixture.applicationToken(List.of("Machine.Read.All")));

    assertThat(fixture.verifier.signatureChecks()).isEqualTo(2);
  }
}
