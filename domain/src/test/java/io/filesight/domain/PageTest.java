package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTest {

  @ParameterizedTest
  @CsvSource({"0, 1", "0, 10000", "5, 100", "9223372036854775000, 10000"})
  void acceptsTopFromOneToTenThousandAndAnySkipFromZero(long skip, int top) {
    assertThat(new Page(skip, top)).extracting(Page::skip, Page::top).containsExactly(skip, top);
  }

  @ParameterizedTest
  @CsvSource({"0, 0, $top", "0, 10001, $top", "0, -1, $top", "-1, 10, $skip"})
  void rejectsValuesOutsideTheODataLimitsNamingTheOption(long skip, int top, String option) {
    assertThatThrownBy(() -> new Page(skip, top))
        .isInstanceOfSatisfying(
            InvalidPageException.class, e -> assertThat(e.option()).isEqualTo(option));
  }

  @Test
  void defaultsToTheFirstTenThousand() {
    assertThat(Page.first()).isEqualTo(new Page(0, 10_000));
  }

  @Test
  void nextPageSkipsThisOne() {
    assertThat(new Page(20, 10).next()).isEqualTo(new Page(30, 10));
  }
}
