package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
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
        machines.add(Machine.builder(id(n)).rbacGroupId(n % 2).build());
        for (int f = 1; f <= n; f++) {
          observations.add(new Observation(file(f), null, null, null, id(n), null));
        }
      }
      StoreWrites.upsertMachines(database, machines);
      StoreWrites.upsertObservations(database, observations);
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

  private static MachineId id(int n) {
    return MachineId.of(String.format("%040x", n));
  }

  private static FileHash file(int f) {
    return FileHash.parse(String.format("%040x", 1000 + f));
  }
}
