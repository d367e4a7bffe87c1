package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
