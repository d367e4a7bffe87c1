package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.filesight.application.fake.MutableClock;
import io.filesight.domain.DelegatedCaller;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentKeysTest {
  static final String TENANT = TokenFixture.TENANT;
  static final Instant NOW = TokenFixture.NOW;

  @TempDir Path dir;

  @Test
  void generateWritesAPrivateKeyForTheOwnerOnlyAndAPublicKeySet() throws Exception {
    DevelopmentKeys keys = DevelopmentKeys.generate(dir.resolve("keys"));

    JWKSet published = JWKSet.load(keys.jwksFile().toFile());
    assertThat(published.getKeys()).hasSize(1);
    assertThat(published.getKeys().get(0).getKeyID()).isEqualTo(keys.keyId());
    assertThat(published.getKeys().get(0).isPrivate()).isFalse();
    assertThat(published.getKeys().get(0).size()).isEqualTo(2048);
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path signingKey = keys.directory().resolve(DevelopmentKeys.SIGNING_KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(signingKey)))
        .isEqualTo("rw-------");
  }

  @Test
  void loadReadsBackTheGeneratedKey() {
    DevelopmentKeys generated = DevelopmentKeys.generate(dir);

    DevelopmentKeys loaded = DevelopmentKeys.load(dir);

    assertThat(loaded.keyId()).isEqualTo(generated.keyId());
    assertThat(loaded.signingKey()).isEqualTo(generated.signingKey());
  }

  @Test
  void loadOrGenerateKeepsAnExistingKey() {
    DevelopmentKeys first = DevelopmentKeys.loadOrGenerate(dir);

    assertThat(DevelopmentKeys.loadOrGenerate(dir).keyId()).isEqualTo(first.keyId());
  }

  @Test
  void applicationTokenIsShapedLikeAzureAdV1() throws Exception {
    DevelopmentKeys keys = DevelopmentKeys.generate(dir);
    String token =
        new DevelopmentTokens(keys, new MutableClock(NOW))
            .application(TENANT, "app-1", List.of("Machine.Read.All"), Duration.ofHours(1));

    SignedJWT jwt = SignedJWT.parse(token);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.keyId());
    assertThat(claims.getAudience()).containsExactly("https://api.securitycenter.microsoft.com");
    assertThat(claims.getIssuer()).isEqualTo("https://sts.windows.net/" + TENANT + "/");
    assertThat(claims.getStringClaim("tid")).isEqualTo(TENANT);
    assertThat(claims.getStringClaim("appid")).isEqualTo("app-1");
    assertThat(claims.getStringClaim("oid")).isNotBlank();
    assertThat(claims.getStringClaim("ver")).isEqualTo("1.0");
    assertThat(claims.getStringListClaim("roles")).containsExactly("Machine.Read.All");
    assertThat(claims.getClaim("scp")).isNull();
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(NOW);
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void delegatedTokenCarriesScopesUserAndGroups() throws Exception {
    DevelopmentKeys keys = DevelopmentKeys.generate(dir);
    String token =
        new DevelopmentTokens(keys, new MutableClock(NOW))
            .delegated(
                TENANT,
                "app-1",
                "user-1",
                List.of("Machine.Read", "User.Read"),
                List.of("g1"),
                Duration.ofMinutes(5));

    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

    assertThat(claims.getStringClaim("scp")).isEqualTo("Machine.Read User.Read");
    assertThat(claims.getStringClaim("oid")).isEqualTo("user-1");
    assertThat(claims.getStringClaim("upn")).startsWith("user-1@");
    assertThat(claims.getStringListClaim("groups")).containsExactly("g1");
    assertThat(claims.getClaim("roles")).isNull();
  }

  @Test
  void mintedTokensPassTheVerifierTrustingTheKeySetFile() {
    DevelopmentKeys keys = DevelopmentKeys.generate(dir);
    NimbusAccessTokenVerifier verifier =
        new NimbusAccessTokenVerifier(TokenSettings.of(TENANT, JwksSource.file(keys.jwksFile())));

    String token =
        new DevelopmentTokens(keys)
            .delegated(
                TENANT,
                "app-1",
                "user-1",
                List.of("Machine.Read"),
                List.of("g1"),
                Duration.ofHours(1));

    assertThat(verifier.verify(token)).isInstanceOf(DelegatedCaller.class);
  }
}
