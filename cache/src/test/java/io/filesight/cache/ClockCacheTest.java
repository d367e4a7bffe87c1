package io.filesight.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClockCacheTest {
  @Test
  void aFullCacheEvictsAnEntryNotReadSinceTheHandPassed() {
    ClockCache<String, Integer> cache = new ClockCache<>(3);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    cache.get("a");
    cache.get("c");

    cache.put("d", 4);

    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isEqualTo(1);
    assertThat(cache.get("c")).isEqualTo(3);
    assertThat(cache.get("d")).isEqualTo(4);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void whenEveryEntryWasReadTheHandClearsTheMarksAndTakesTheOldest() {
    ClockCache<String, Integer> cache = new ClockCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.get("a");
    cache.get("b");

    cache.put("c", 3);

    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("b")).isEqualTo(2);
    assertThat(cache.get("c")).isEqualTo(3);
  }

  @Test
  void puttingAKeptKeyAgainReplacesItsValueInItsPlace() {
    ClockCache<String, Integer> cache = new ClockCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);

    cache.put("a", 10);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("a")).isEqualTo(10);
    assertThat(cache.get("b")).isEqualTo(2);
  }

  @Test
  void capacityZeroKeepsNothing() {
    ClockCache<String, Integer> cache = new ClockCache<>(0);
    cache.put("a", 1);

    assertThat(cache.get("a")).isNull();
    assertThat(cache.size()).isZero();
    assertThatThrownBy(() -> new ClockCache<String, Integer>(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
