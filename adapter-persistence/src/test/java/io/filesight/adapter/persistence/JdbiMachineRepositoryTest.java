package io.filesight.adapter.persistence;

import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.MACHINE_TAGS;
import static io.filesight.domain.MachineProperty.OS_PLATFORM;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import io.filesight.domain.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiMachineRepositoryTest {
  @TempDir Path directory;

  @Test
  void concurrentLookupsOnReusedStatementsEachGetTheirOwnAnswer() throws Exception {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      List<Machine> machines = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      for (int n = 1; n <= 40; n++) {
        machines.add(Machine.builder(id(n)).with(RBAC_GROUP_ID, (long) (n % 2)).build());
        for (int f = 1; f <= n; f++) {
          observations.add(new Observation(file(f), null, null, null, id(n), null));
        }
      }
      Stores.machines(database, machines);
      Stores.observations(database, observations);
      JdbiMachineRepository repository = new JdbiMachineRepository(database);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Callable<Boolean>> lookups = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          int f = 1 + i % 40;
          boolean grouped = i % 3 == 0;
          lookups.add(
              () -> {
                int found =
                    repository
                        .findSeenWith(
                            file(f),
                            grouped ? GroupScope.only(Set.of(1L)) : GroupScope.all(),
                            new Page(0, 100))
                        .orElseThrow()
                        .machines()
                        .size();
                // File f was seen on machines f..40; half of them (odd n) are in group 1.
                int all = 41 - f;
                int odd =
                    (int)
                        java.util.stream.IntStream.rangeClosed(f, 40)
                            .filter(n -> n % 2 == 1)
                            .count();
                return found == (grouped ? odd : all);
              });
        }
        for (Future<Boolean> answer : pool.invokeAll(lookups)) {
          assertThat(answer.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aMachineWrittenAfterItWasCachedIsReadAgain() {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      Stores.machines(database, List.of(machine(1, "before")));
      Stores.observations(
          database, List.of(new Observation(file(1), null, null, null, id(1), null)));
      JdbiMachineRepository repository = new JdbiMachineRepository(database);
      assertThat(dnsNames(repository, file(1), 100)).containsExactly("before");

      Stores.machines(database, List.of(machine(1, "after")));

      assertThat(dnsNames(repository, file(1), 100)).containsExactly("after");
    }
  }

  @Test
  void aMachineWrittenThroughAnotherConnectionToTheFileIsReadAgain() {
    Path file = directory.resolve("shared.db");
    try (SqliteDatabase server = SqliteDatabase.open(file, true)) {
      Stores.machines(server, List.of(machine(1, "before")));
      Stores.observations(server, List.of(new Observation(file(1), null, null, null, id(1), null)));
      JdbiMachineRepository repository = new JdbiMachineRepository(server);
      assertThat(dnsNames(repository, file(1), 100)).containsExactly("before");

      // As `filesight import` does from another process while the server runs.
      try (SqliteDatabase importer = SqliteDatabase.open(file, false)) {
        Stores.machines(importer, List.of(machine(1, "after")));
      }

      assertThat(dnsNames(repository, file(1), 100)).containsExactly("after");
    }
  }

  @Test
  void pagesLargerThanTheCacheAndTheFetchChunkKeepEveryMachineInIdOrder() {
    int count = 3 * JdbiMachineRepository.FETCH_CHUNK + 5;
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      List<Machine> machines = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      for (int n = count; n >= 1; n--) {
        machines.add(machine(n, "host-" + n));
        observations.add(new Observation(file(1), null, null, null, id(n), null));
      }
      Stores.machines(database, machines);
      Stores.observations(database, observations);
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= count; n++) {
        expected.add("host-" + n);
      }

      for (int capacity : new int[] {0, 7, count, 10_000}) {
        JdbiMachineRepository repository = new JdbiMachineRepository(database, capacity);
        for (int round = 0; round < 3; round++) {
          assertThat(dnsNames(repository, file(1), 10_000))
              .as("capacity %d, round %d", capacity, round)
              .isEqualTo(expected);
        }
        assertThat(dnsNames(repository, file(1), 10).subList(0, 3))
            .containsExactly("host-1", "host-2", "host-3");
      }
    }
  }

  @Test
  void observationsOfMachinesNotStoredYetAreLeftOutAndPagesStayExact() {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      List<Machine> machines = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      for (int n = 1; n <= 30; n++) {
        if (n % 3 != 0) {
          machines.add(machine(n, "host-" + n));
        }
        observations.add(new Observation(file(1), null, null, null, id(n), null));
      }
      Stores.machines(database, machines);
      Stores.observations(database, observations);
      JdbiMachineRepository repository = new JdbiMachineRepository(database);

      List<String> pages = new ArrayList<>();
      for (int skip = 0; skip < 30; skip += 4) {
        MachineSlice slice =
            repository.findSeenWith(file(1), GroupScope.all(), new Page(skip, 4)).orElseThrow();
        slice.machines().forEach(m -> pages.add(m.computerDnsName()));
        assertThat(slice.hasMore()).isEqualTo(skip + 4 < 20);
      }

      assertThat(pages)
          .hasSize(20)
          .doesNotHaveDuplicates()
          .allMatch(name -> Integer.parseInt(name.substring(5)) % 3 != 0);
      assertThat(dnsNames(repository, file(1), 100)).isEqualTo(pages);
    }
  }

  @Test
  void machinesReadFromTheStoreShareTheirRepeatedValues() {
    try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("f.db"), true)) {
      Stores.machines(
          database,
          List.of(
              Machine.builder(id(1))
                  .with(OS_PLATFORM, "Windows11")
                  .with(MACHINE_TAGS, List.of("vip"))
                  .build(),
              Machine.builder(id(2))
                  .with(OS_PLATFORM, "Windows11")
                  .with(MACHINE_TAGS, List.of("vip"))
                  .build()));
      Stores.observations(
          database,
          List.of(
              new Observation(file(1), null, null, null, id(1), null),
              new Observation(file(1), null, null, null, id(2), null)));

      List<Machine> machines =
          new JdbiMachineRepository(database, 0)
              .findSeenWith(file(1), GroupScope.all(), new Page(0, 10))
              .orElseThrow()
              .machines();

      assertThat(machines.get(0).osPlatform()).isSameAs(machines.get(1).osPlatform());
      assertThat(machines.get(0).machineTags().get(0))
          .isSameAs(machines.get(1).machineTags().get(0));
      assertThat(MachineColumns.shared(0, new String("x-unique-1"))).isEqualTo("x-unique-1");
    }
  }

  private static List<String> dnsNames(JdbiMachineRepository repository, FileHash file, int top) {
    return repository
        .findSeenWith(file, GroupScope.all(), new Page(0, top))
        .orElseThrow()
        .machines()
        .stream()
        .map(Machine::computerDnsName)
        .toList();
  }

  private static Machine machine(int n, String dnsName) {
    return Machine.builder(id(n)).with(COMPUTER_DNS_NAME, dnsName).with(RBAC_GROUP_ID, 1L).build();
  }

  private static MachineId id(int n) {
    return MachineId.of(String.format("%040x", n));
  }

  private static FileHash file(int f) {
    return FileHash.parse(String.format("%040x", 1000 + f));
  }
}
