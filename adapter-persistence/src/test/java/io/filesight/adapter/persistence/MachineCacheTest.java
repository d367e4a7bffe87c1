package io.filesight.adapter.persistence;

import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MachineCacheTest {
  @Test
  void keepsAtMostItsCapacity() {
    MachineCache.Generation cached = new MachineCache(3).at(0);
    for (int n = 1; n <= 5; n++) {
      cached.put(machine(n));
    }

    assertThat(cached.size()).isEqualTo(3);
    long kept = IntStream.rangeClosed(1, 5).filter(n -> cached.get(id(n)) != null).count();
    assertThat(kept).isEqualTo(3);
  }

  @Test
  void machinesAskedForOftenTakeThePlaceOfAOneOffLargePage() {
    MachineCache.Generation cached = new MachineCache(1_000).at(0);
    // First a file seen on 800 machines, asked for once.
    for (int n = 10_001; n <= 10_800; n++) {
      cached.put(machine(n));
    }

    // Then everyday lookups over 1,000 other machines, each asked for a few times.
    for (int round = 0; round < 5; round++) {
      for (int n = 1; n <= 1_000; n++) {
        if (cached.get(id(n)) == null) {
          cached.put(machine(n));
        }
      }
    }

    assertThat(cached.size()).isLessThanOrEqualTo(1_000);
    long kept = IntStream.rangeClosed(1, 1_000).filter(n -> cached.get(id(n)) != null).count();
    // Kept only while it had room, as the cache once did, the page would leave 200 of them in.
    assertThat(kept).isGreaterThanOrEqualTo(900);
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
    return Machine.builder(MachineId.of(id(n))).with(RBAC_GROUP_ID, 1L).build();
  }

  private static String id(int n) {
    return String.format("%040x", n);
  }
}
