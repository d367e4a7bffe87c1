package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSettingsTest {

  @Test
  void defaultsFollowThe2019PageOnPort8080() {
    HttpSettings defaults = HttpSettings.defaults();

    assertThat(defaults.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.baseUrl()).isEmpty();
    assertThat(defaults.unknownFile()).isEqualTo(UnknownFileAnswer.NOT_FOUND);
    assertThat(defaults.jsonAccessLog()).isFalse();
    assertThat(defaults.stopTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(defaults.maxRequestHeaderSize()).isEqualTo(20 * 1024);
    assertThat(defaults.headerTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void unknownFileConfigValuesParseInAnyCase() {
    assertThat(UnknownFileAnswer.fromConfigValue("not-found"))
        .isEqualTo(UnknownFileAnswer.NOT_FOUND);
    assertThat(UnknownFileAnswer.fromConfigValue(" EMPTY ")).isEqualTo(UnknownFileAnswer.EMPTY);
    assertThat(UnknownFileAnswer.EMPTY.configValue()).isEqualTo("empty");
    assertThatThrownBy(() -> UnknownFileAnswer.fromConfigValue("404"))
        .hasMessageContaining("'not-found' or 'empty'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://host", "/relative", "https://host/?q=1", "https://host/#f"})
  void baseUrlMustBeAnAbsoluteHttpUrlWithoutQuery(String url) {
    assertThatThrownBy(() -> HttpSettings.defaults().withBaseUrl(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void portAndStopTimeoutAreChecked() {
    assertThatThrownBy(() -> HttpSettings.defaults().withPort(70_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpSettings.defaults().withStopTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpSettings.defaults().withRenderedMachines(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpSettings.defaults().withMaxRequestHeaderSize(8 * 1024 - 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRequestHeaderSize");
    assertThatThrownBy(() -> HttpSettings.defaults().withMaxRequestHeaderSize(1024 * 1024 + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpSettings.defaults().withHeaderTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("headerTimeout");
    assertThat(
            new HttpSettings(
                    "127.0.0.1",
                    0,
                    Optional.empty(),
                    UnknownFileAnswer.EMPTY,
                    true,
                    Duration.ZERO,
                    0,
                    HttpSettings.SMALLEST_MAX_REQUEST_HEADER_SIZE,
                    Duration.ofSeconds(1),
                    0,
                    0)
                .port())
        .isZero();
  }
}
