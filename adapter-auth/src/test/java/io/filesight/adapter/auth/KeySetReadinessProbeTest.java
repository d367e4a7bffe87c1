package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySetReadinessProbeTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(TokenFixture.NOW);

  private KeySetReadinessProbe probe(Path jwks) {
    return new KeySetReadinessProbe(
        new NimbusAccessTokenVerifier(
            TokenSettings.of(TokenFixture.TENANT, JwksSource.file(jwks)), clock));
  }

  @Test
  void isNamedKeys() {
    assertThat(probe(dir.resolve("jwks.json")).name()).isEqualTo("keys");
  }

  @Test
  void passesOnceAKeyIsLoaded() {
    DevelopmentKeys keys = DevelopmentKeys.generate(dir);

    assertThatCode(() -> probe(keys.jwksFile()).check()).doesNotThrowAnyException();
  }

  @Test
  void failsNamingTheSourceWhenTheKeySetIsMissing() {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> probe(missing).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("file " + missing)
        .hasMessageContaining("NoSuchFileException");
  }

  @Test
  void failsWhenTheKeySetHoldsNoUsableKey() throws Exception {
    Path empty = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");

    assertThatThrownBy(() -> probe(empty).check()).hasMessageContaining("no usable RS256 key");
  }

  @Test
  void failsWhenTheKeySetFileIsLargerThanTheCap() throws Exception {
    Path keys = DevelopmentKeys.generate(dir).jwksFile();
    String jwks = Files.readString(keys);
    Files.writeString(
        keys, "{\"padding\":\"" + "x".repeat(1024 * 1024) + "\"," + jwks.substring(1));

    assertThatThrownBy(() -> probe(keys).check()).hasMessageContaining("larger than");
  }

  @Test
  void recoversOnceTheKeySetAppearsAndTheRetryIsDue() {
    KeySetReadinessProbe probe = probe(dir.resolve(DevelopmentKeys.JWKS_FILE));
    assertThatThrownBy(probe::check).isInstanceOf(IllegalStateException.class);

    DevelopmentKeys.generate(dir);
    assertThatThrownBy(probe::check).isInstanceOf(IllegalStateException.class);
    clock.advance(Duration.ofSeconds(30));

    assertThatCode(probe::check).doesNotThrowAnyException();
  }
}
