package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import org.junit.jupiter.api.Test;

class MachineCacheTest {
  @Test
  void keepsAtMostItsCapacityAndTheMachinesItHasOnceFull() {
    MachineCache.Generation cached = new MachineCache(3).at(0);
    for (int n = 1; n <= 5; n++) {
      cached.put(machine(n));
    }

    assertThat(cached.size()).isEqualTo(3);
    assertThat(cached.get(id(1))).isEqualTo(machine(1));
    assertThat(cached.get(id(3))).isEqualTo(machine(3));
    assertThat(cached.get(id(4))).isNull();
    assertThat(cached.get(id(5))).isNull();
  }

  @Test
  void cachingAMachineAgainDoesNotCountTwice() {
    MachineCache.Generation cached = new MachineCache(2).at(0);
    cached.put(machine(1));
    cached.put(machine(1));
    cached.put(machine(2));

    assertThat(cached.get(id(1))).isNotNull();
    assertThat(cached.get(id(2))).isNotNull();
  }

  @Test
  void aNewVersionStartsEmptyAndAnOlderOneNeverComesBack() {
    MachineCache cache = new MachineCache(10);
    cache.at(1).put(machine(1));

    assertThat(cache.at(1).get(id(1))).isNotNull();
    assertThat(cache.at(2).get(id(1))).isNull();
    cache.at(2).put(machine(2));

    // A reader that saw version 1 before the import gets a throwaway cache, not version 1 back.
    MachineCache.Generation late = cache.at(1);
    late.put(machine(3));
    assertThat(cache.at(2).get(id(2))).isNotNull();
    assertThat(cache.at(2).get(id(3))).isNull();
  }

  @Test
  void capacityZeroCachesNothing() {
    MachineCache.Generation cached = new MachineCache(0).at(0);
    cached.put(machine(1));

    assertThat(cached.get(id(1))).isNull();
    assertThatThrownBy(() -> new MachineCache(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Machine machine(int n) {
    return Machine.builder(MachineId.of(id(n))).rbacGroupId(1).build();
  }

  private static String id(int n) {
    return String.format("%040x", n);
  }
}
