package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefenderTimestampsTest {

  @ParameterizedTest
  @CsvSource({
    "2024-03-01T08:15:02.123456789Z, 2024-03-01T08:15:02.1234567Z",
    "2024-03-01T08:15:02.1234567Z, 2024-03-01T08:15:02.1234567Z",
    "2024-03-01T08:15:02.120Z, 2024-03-01T08:15:02.12Z",
    "2024-03-01T08:15:02.000000099Z, 2024-03-01T08:15:02Z",
    "2024-03-01T08:15:02.0000001Z, 2024-03-01T08:15:02.0000001Z",
    "2024-03-01T08:15:02Z, 2024-03-01T08:15:02Z",
    "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59.5Z, 1969-12-31T23:59:59.5Z",
    "0999-01-02T03:04:05.0000900Z, 0999-01-02T03:04:05.00009Z",
    "+10000-12-31T23:59:59.1Z, +10000-12-31T23:59:59.1Z"
  })
  void formatsWithAtMostSevenDigitsTrimmedAndZ(String instant, String expected) {
    assertThat(DefenderTimestamps.format(Instant.parse(instant))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-01T08:15:02.123456789Z, 2024-03-01T08:15:02.1234567Z",
    "2024-03-01T08:15:02.12Z, 2024-03-01T08:15:02.1200000Z",
    "2024-03-01T08:15:02Z, 2024-03-01T08:15:02.0000000Z",
    "0999-01-02T03:04:05.00009Z, 0999-01-02T03:04:05.0000900Z"
  })
  void formatsAsAdvancedHuntingExportsWithAllSevenDigits(String instant, String expected) {
    assertThat(DefenderTimestamps.formatPadded(Instant.parse(instant))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-01T08:15:02.1234567Z, 2024-03-01T08:15:02.1234567Z",
    "2024-03-01T08:15:02.123456789Z, 2024-03-01T08:15:02.123456789Z",
    "2024-03-01T08:15:02Z, 2024-03-01T08:15:02Z",
    "2024-03-01T10:15:02+02:00, 2024-03-01T08:15:02Z",
    "2024-03-01T08:15:02, 2024-03-01T08:15:02Z",
    "2024-03-01 08:15:02.5, 2024-03-01T08:15:02.5Z"
  })
  void readsTheFormsExportsWrite(String text, String instant) {
    assertThat(DefenderTimestamps.parse(text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "last tuesday",
        "2024-13-01T08:15:02Z",
        "2024-02-30T08:15:02Z",
        "2024-03-01T24:00:00Z",
        "2024-03-01T08:15:02.1234567890Z",
        ""
      })
  void rejectsWhatIsNoTimestampNamingIt(String text) {
    assertThatThrownBy(() -> DefenderTimestamps.parse(text))
        .isInstanceOf(InvalidTimestampException.class)
        .hasMessage("time '" + text + "' is not an ISO-8601 timestamp");
  }

  @Test
  void rejectsTimesOutsideWhatANanosecondLongHolds() {
    assertThatThrownBy(() -> DefenderTimestamps.parse("1600-01-01T00:00:00Z"))
        .isInstanceOf(InvalidTimestampException.class)
        .hasMessageContaining("is out of range");
    assertThat(DefenderTimestamps.parse("2262-04-11T23:47:16.854775807Z"))
        .isEqualTo(DefenderTimestamps.MAX);
  }

  @Test
  void whatItWritesItReadsBack() {
    Instant instant = Instant.parse("2025-06-30T11:59:59.9999999Z");

    assertThat(DefenderTimestamps.parse(DefenderTimestamps.format(instant))).isEqualTo(instant);
    assertThat(DefenderTimestamps.parse(DefenderTimestamps.formatPadded(instant)))
        .isEqualTo(instant);
  }
}
