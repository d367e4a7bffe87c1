package io.filesight.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final Caller CALLER = new ApplicationCaller("t", "a", Set.of());

  @Test
  void staysWithinItsCapacity() {
    VerifiedTokens cache = new VerifiedTokens(100);

    for (int i = 0; i < 1000; i++) {
      cache.put(VerifiedTokens.digest("token-" + i), CALLER, NOW.plusSeconds(3600), NOW);
    }

    assertThat(cache.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void evictsExpiredEntriesFirst() {
    VerifiedTokens cache = new VerifiedTokens(10);
    for (int i = 0; i < 9; i++) {
      cache.put("expired-" + i, CALLER, NOW.minusSeconds(1), NOW.minusSeconds(10));
    }
    cache.put("live", CALLER, NOW.plusSeconds(60), NOW);

    cache.put("newest", CALLER, NOW.plusSeconds(60), NOW);

    assertThat(cache.get("live", NOW)).isEqualTo(CALLER);
    assertThat(cache.get("newest", NOW)).isEqualTo(CALLER);
  }

  @Test
  void forgetsAnEntryAfterItsValidity() {
    VerifiedTokens cache = new VerifiedTokens(10);
    cache.put("token", CALLER, NOW, NOW);

    assertThat(cache.get("token", NOW)).isEqualTo(CALLER);
    assertThat(cache.get("token", NOW.plusMillis(1))).isNull();
  }

  @Test
  void keysByDigestSoTheTokenIsNotKept() {
    String digest = VerifiedTokens.digest("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

    assertThat(digest).doesNotContain("eyJ").hasSize(44);
  }
}
