package io.filesight.application.embedding;

import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.port.in.FindRelatedMachines;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportObservations;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.RecordSource;
import io.filesight.application.port.in.RelatedMachines;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.application.service.FindRelatedMachinesService;
import io.filesight.application.service.ImportObservationsService;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import io.filesight.domain.Page;
import io.filesight.domain.Permission;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateQuota;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding examples, compiled and run: a plain Java program builds the use cases from
 * the application module with adapters of its own, to look up and to import. This module's
 * classpath has no Javalin, Guice, Jdbi or SQLite, so the example proves the use case needs none of
 * them.
 */
class EmbeddingExampleTest {

  @Test
  void aPlainJavaProgramBuildsTheUseCaseWithItsOwnAdaptersAndCallsIt() {
    Machine laptop =
        Machine.builder(MachineId.of("7a1b2c3d4e5f60718293a4b5c6d7e8f901234567"))
            .with(COMPUTER_DNS_NAME, "laptop-17.contoso.local")
            .build();
    Map<String, List<Machine>> seenOn =
        Map.of("1e5bc9d7e413ddd7902c2932e418702b84d0cc07", List.of(laptop));

    // --- README: Embedding ---
    MachineRepository machines =
        (file, scope, page) ->
            Optional.ofNullable(seenOn.get(file.hex()))
                .map(found -> new MachineSlice(found, false));
    AccessDirectory access = AccessConfiguration::unconfigured;
    QuotaLedger unlimited =
        (key, quota, now) -> new QuotaDecision.Admitted(quota.limits().get(0), 99, 0);

    FindRelatedMachines find =
        new FindRelatedMachinesService(
            machines, access, unlimited, RateQuota.defender(), Clock.systemUTC());
    Caller caller =
        new ApplicationCaller("my-tenant", "my-service", Set.of(Permission.MACHINE_READ_ALL));

    RelatedMachines answer =
        find.find(caller, FileHash.parse("1E5BC9D7E413DDD7902C2932E418702B84D0CC07"), Page.first());
    // --- end ---

    assertThat(answer)
        .isInstanceOfSatisfying(
            RelatedMachines.Found.class,
            found ->
                assertThat(found.machines())
                    .extracting(Machine::computerDnsName)
                    .containsExactly("laptop-17.contoso.local"));
  }

  @Test
  void aPlainJavaProgramImportsIntoItsOwnStore() {
    // --- README: Embedding, importing ---
    Map<String, Set<String>> seenOn = new HashMap<>(); // your store: SHA-1 -> machine ids
    ObservationStore store =
        () ->
            new ImportSession<>() {
              private final List<Observation> pending = new ArrayList<>();

              @Override
              public void append(List<Observation> batch) {
                pending.addAll(batch);
              }

              @Override
              public StoredCounts commit(boolean last) {
                long inserted = 0;
                for (Observation seen : pending) {
                  Set<String> machines =
                      seenOn.computeIfAbsent(seen.sha1().hex(), k -> new TreeSet<>());
                  inserted += machines.add(seen.machine().value()) ? 1 : 0;
                }
                pending.clear();
                return new StoredCounts(inserted, 0);
              }

              @Override
              public void close() {
                pending.clear();
              }
            };

    ImportObservations importer = new ImportObservationsService(store);
    Observation seen =
        new Observation(
            FileHash.parse("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"),
            null,
            null,
            "invoice.exe",
            MachineId.of("7a1b2c3d4e5f60718293a4b5c6d7e8f901234567"),
            Instant.parse("2026-11-01T10:00:00Z"));
    ImportSummary summary =
        importer.importObservations(
            RecordSource.of("my-feed", List.of(seen, seen)),
            ImportOptions.defaults(),
            ImportListener.silent());
    // --- end ---

    assertThat(summary).isEqualTo(new ImportSummary(2, 1, 0, 0));
    assertThat(seenOn)
        .containsExactly(
            Map.entry(
                "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
                Set.of("7a1b2c3d4e5f60718293a4b5c6d7e8f901234567")));
  }

  @Test
  void anEmbeddedUseCaseThrottlesExactlyLikeTheServer() {
    List<java.time.Instant> calls = new ArrayList<>();
    QuotaLedger ledger =
        (key, quota, now) -> {
          QuotaDecision decision = quota.decide(calls, now);
          if (decision instanceof QuotaDecision.Admitted) {
            calls.add(now);
          }
          return decision;
        };
    FindRelatedMachines find =
        new FindRelatedMachinesService(
            (file, scope, page) -> Optional.empty(),
            AccessConfiguration::unconfigured,
            ledger,
            RateQuota.defender(),
            Clock.systemUTC());
    Caller caller = new ApplicationCaller("t", "a", Set.of(Permission.MACHINE_READ_ALL));
    for (int i = 0; i < 100; i++) {
      find.find(caller, "1e5bc9d7e413ddd7902c2932e418702b84d0cc07", Page.first());
    }

    assertThatThrownBy(
            () -> find.find(caller, "1e5bc9d7e413ddd7902c2932e418702b84d0cc07", Page.first()))
        .isInstanceOf(QuotaExceededException.class);
  }
}
