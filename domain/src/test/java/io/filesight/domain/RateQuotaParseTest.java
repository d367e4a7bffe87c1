package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quotas as operators write them ({@code --quota 100/60s,1500/3600s}), and custom windows. */
class RateQuotaParseTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void defendersQuotaReadsBackFromItsOwnDescription() {
    assertThat(RateQuota.defender().describe()).isEqualTo("100/60s,1500/3600s");
    assertThat(RateQuota.parse("100/60s,1500/3600s")).isEqualTo(RateQuota.defender());
  }

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "20/1m; 20/60s",
        "1500/1h, 100/60s; 100/60s,1500/3600s",
        " 5/30S ,7/2M ; 5/30s,7/120s",
        "1000000/24h; 1000000/86400s",
        "1/1s; 1/1s",
        "3/60s,10/1h,50/6h,100/24h; 3/60s,10/3600s,50/21600s,100/86400s",
      })
  void limitsInSecondsMinutesOrHoursReadInAnyOrderShortestWindowFirst(String text, String read) {
    assertThat(RateQuota.parse(text).describe()).isEqualTo(read);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "'' ; names no limit",
        "100; is not a limit such as 100/60s",
        "100/60; is not a limit such as 100/60s",
        "100/60d; is not a limit such as 100/60s",
        "-1/60s; is not a limit such as 100/60s",
        "100/60s,; is not a limit such as 100/60s",
        "１００/60s; is not a limit such as 100/60s",
        "0/60s; from 1 to 1000000 calls, was 0",
        "1000001/60s; from 1 to 1000000 calls, was 1000001",
        "100/0s; positive whole number of seconds",
        "100/25h; a window is at most 24h (90000s asked)",
        "100/86401s; a window is at most 24h (86401s asked)",
        "100/60s,200/1m; two limits on the same window of 60s",
        "1/1s,2/2s,3/3s,4/4s,5/5s; at most 4 limits, was 5",
      })
  void aBadQuotaSaysWhatIsWrong(String text, String problem) {
    assertThatThrownBy(() -> RateQuota.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void aQuotaOfThreeAMinuteRejectsTheFourthCallUntilTheFirstLeavesTheWindow() {
    RateQuota quota = RateQuota.parse("3/60s");
    List<Instant> admitted = new ArrayList<>(List.of(T0, T0.plusSeconds(10), T0.plusSeconds(20)));

    QuotaDecision fourth = quota.decide(admitted, T0.plusSeconds(30));

    assertThat(fourth)
        .isEqualTo(new QuotaDecision.Rejected(new RateLimit(3, Duration.ofSeconds(60)), 30));
    assertThat(quota.decide(admitted, T0.plusSeconds(60)))
        .isInstanceOf(QuotaDecision.Admitted.class);
  }

  @Test
  void theLimitThatFreesLastRejectsUnderCustomWindows() {
    RateQuota quota = RateQuota.parse("2/10s,3/1h");
    List<Instant> admitted = List.of(T0, T0.plusSeconds(1), T0.plusSeconds(20));

    QuotaDecision next = quota.decide(admitted, T0.plusSeconds(21));

    // 2/10s is full until +30 s, but 3/1h holds until the first call leaves the hour.
    assertThat(next)
        .isEqualTo(new QuotaDecision.Rejected(new RateLimit(3, Duration.ofHours(1)), 3579));
    assertThat(quota.horizon()).isEqualTo(Duration.ofHours(1));
    assertThat(quota.memory()).isEqualTo(3);
  }

  @Test
  void twoQuotasWithTheSameLimitsInAnotherOrderAreEqual() {
    assertThat(
            new RateQuota(
                List.of(
                    new RateLimit(1500, Duration.ofHours(1)),
                    new RateLimit(100, Duration.ofSeconds(60)))))
        .isEqualTo(RateQuota.defender());
  }
}
