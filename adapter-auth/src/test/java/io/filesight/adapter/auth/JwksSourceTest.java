package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwksSourceTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://login.microsoftonline.com/common/discovery/v2.0/keys",
        "http://127.0.0.1:8080/keys",
        "http://localhost/keys",
        "http://[::1]:9000/keys"
      })
  void acceptsHttpsAndLoopbackHttp(String url) {
    assertThat(JwksSource.url(URI.create(url)).describe()).isEqualTo("url " + url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://login.microsoftonline.com/common/discovery/v2.0/keys",
        "http://127.0.0.1.evil.example/keys",
        "ftp://localhost/keys",
        "file:///etc/jwks.json"
      })
  void refusesKeysInClearTextOverTheNetwork(String url) {
    assertThatThrownBy(() -> JwksSource.url(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void refusesANonPositiveTimeout(long millis) {
    assertThatThrownBy(
            () -> JwksSource.url(URI.create("https://example.com/k"), Duration.ofMillis(millis)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 601})
  void settingsRefuseAnUnreasonableClockSkew(long seconds) {
    assertThatThrownBy(
            () ->
                new TokenSettings(
                    "t",
                    TokenSettings.DEFAULT_AUDIENCES,
                    JwksSource.url(URI.create("https://example.com/k")),
                    Duration.ofSeconds(seconds)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void settingsRefuseABlankTenant(String tenant) {
    assertThatThrownBy(
            () -> TokenSettings.of(tenant, JwksSource.url(URI.create("https://example.com/k"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void azureAdKeysComeFromTheTenantsDiscoveryEndpoint() {
    assertThat(JwksSource.azureAd("contoso.onmicrosoft.com"))
        .isEqualTo(
            JwksSource.url(
                URI.create(
                    "https://login.microsoftonline.com/contoso.onmicrosoft.com/discovery/v2.0/keys")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "evil.example/x?", "t#"})
  void azureAdRefusesSomethingThatIsNoTenant(String tenant) {
    assertThatThrownBy(() -> JwksSource.azureAd(tenant))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsDefaultToTheDefenderAudiencesAndAMinuteOfSkew() {
    TokenSettings settings =
        TokenSettings.of("t", JwksSource.url(URI.create("https://example.com/k")));

    assertThat(settings.audiences())
        .containsExactly(
            "https://api.securitycenter.microsoft.com",
            "https://api.securitycenter.windows.com",
            "https://api.security.microsoft.com",
            "https://securitycenter.onmicrosoft.com/windowsatpservice",
            "fc780465-2017-40d4-a0c5-307022471b92");
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.issuers())
        .isEqualTo(
            List.of("https://sts.windows.net/t/", "https://login.microsoftonline.com/t/v2.0"));
  }
}
