package io.filesight.application.contract;

import static io.filesight.application.fake.Machines.id;
import static io.filesight.application.fake.Machines.machine;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.port.in.CopySummary;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.StoreContents;
import io.filesight.application.service.CopyStoreService;
import io.filesight.application.service.ImportMachinesService;
import io.filesight.application.service.ImportObservationsService;
import io.filesight.application.service.ReplaceAccessConfigurationService;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.Observation;
import io.filesight.domain.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of the {@link StoreContents} out-port: what a store holds comes back whole, in one
 * snapshot, and copied into another store rebuilds the same sightings.
 */
public abstract class StoreContentsContract {
  private static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  private static final String OTHER_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
  private static final String SHA256 =
      "a3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String MD5 = "0cc175b9c0f1b6a831c399e269772661";
  private static final Instant MAY = Instant.parse("2024-05-01T10:00:00.1234567Z");
  private static final Instant JUNE = Instant.parse("2024-06-01T10:00:00Z");

  /** One fresh, empty store: the ports that write it, and a reader of what it holds. */
  protected interface Fixture extends AutoCloseable {
    MachineStore machines();

    ObservationStore observations();

    AccessConfigurationStore access();

    /** A reader of the store's contents; its snapshot starts when it is opened. */
    StoreContents contents();

    @Override
    default void close() {}
  }

  protected abstract Fixture newFixture();

  private Fixture given;

  @BeforeEach
  void freshFixture() {
    given = newFixture();
  }

  @AfterEach
  void closeFixture() {
    given.close();
  }

  @Test
  void anEmptyStoreHoldsNoMachinesNoObservationsAndNoAccessConfiguration() {
    try (StoreContents contents = given.contents()) {
      assertThat(all(contents.machines())).isEmpty();
      assertThat(all(contents.observations())).isEmpty();
      assertThat(contents.accessConfiguration()).isEmpty();
    }
  }

  @Test
  void machinesComeBackWholeInIdOrder() {
    List<Machine> stored = List.of(machine(3, 7), machine(1, 0), machine(2, 7));
    commitMachines(stored);

    try (StoreContents contents = given.contents()) {
      StoreContents.Rows<Machine> rows = contents.machines();
      assertThat(rows.rowsTotal()).isEqualTo(3);
      assertThat(all(rows)).containsExactly(machine(1, 0), machine(2, 7), machine(3, 7));
    }
  }

  @Test
  void eachFileAndMachineComesBackAsItsFirstAndLastSightingWithTheFileDetails() {
    commitMachines(List.of(machine(1, 0), machine(2, 0), machine(3, 0)));
    commitObservations(
        true,
        seen(SHA1, SHA256, MD5, "invoice.exe", 1, JUNE),
        seen(SHA1, null, null, null, 1, MAY),
        seen(SHA1, null, null, null, 2, MAY),
        seen(OTHER_SHA1, null, null, null, 3, null));

    try (StoreContents contents = given.contents()) {
      StoreContents.Rows<Observation> rows = contents.observations();
      List<Observation> observations = all(rows);

      assertThat(rows.rowsTotal()).isEqualTo(3);
      assertThat(rows.rowsRead()).isEqualTo(3);
      assertThat(observations)
          .containsExactly(
              seen(SHA1, SHA256, MD5, "invoice.exe", 1, MAY),
              seen(SHA1, SHA256, MD5, "invoice.exe", 1, JUNE),
              seen(SHA1, SHA256, MD5, "invoice.exe", 2, MAY),
              seen(OTHER_SHA1, null, null, null, 3, null));
    }
  }

  @Test
  void observationsOfAnImportThatDidNotEndAreIncluded() {
    // Committed batches of an import that never committed its last one.
    try (ImportSession<Observation> session = given.observations().beginImport()) {
      session.append(List.of(seen(SHA1, SHA256, null, "a.exe", 1, MAY)));
      session.commit(false);
      session.append(List.of(seen(OTHER_SHA1, null, null, null, 2, JUNE)));
      session.commit(false);
    }

    try (StoreContents contents = given.contents()) {
      assertThat(all(contents.observations()))
          .containsExactlyInAnyOrder(
              seen(SHA1, SHA256, null, "a.exe", 1, MAY),
              seen(OTHER_SHA1, null, null, null, 2, JUNE));
    }
  }

  @Test
  void theAccessConfigurationComesBackAsReplaced() {
    AccessConfiguration configuration =
        AccessConfiguration.of(
            List.of(
                new MachineGroupAccess(new MachineGroup(7, "Servers", 1), Set.of("SOC", "Ops")),
                new MachineGroupAccess(new MachineGroup(3, "Laptops", 2), Set.of())),
            List.of(new Role("Analyst", Set.of(Role.VIEW_DATA), Set.of("SOC"))));
    given.access().replace(configuration);

    try (StoreContents contents = given.contents()) {
      assertThat(contents.accessConfiguration()).contains(configuration);
    }
  }

  @Test
  void theContentsAreOneSnapshotTakenWhenOpened() {
    commitMachines(List.of(machine(1, 0)));
    commitObservations(true, seen(SHA1, null, null, null, 1, MAY));

    try (StoreContents contents = given.contents()) {
      commitMachines(List.of(machine(2, 0)));
      commitObservations(true, seen(OTHER_SHA1, null, null, null, 2, MAY));

      assertThat(all(contents.machines())).containsExactly(machine(1, 0));
      assertThat(all(contents.observations()))
          .containsExactly(seen(SHA1, null, null, null, 1, MAY));
    }
  }

  @Test
  void aCopyRebuildsTheSameSightingsAndCopyingAgainChangesNothing() {
    commitMachines(List.of(machine(1, 0), machine(2, 7)));
    commitObservations(
        true,
        seen(SHA1, SHA256, MD5, "invoice.exe", 1, MAY),
        seen(SHA1, null, null, null, 1, JUNE),
        seen(SHA1, null, null, null, 2, null),
        seen(OTHER_SHA1, null, null, null, 9, MAY));
    InMemoryStore target = new InMemoryStore();
    InMemoryAccessDirectory targetAccess = new InMemoryAccessDirectory();

    CopySummary first = copy(target, targetAccess);
    CopySummary again = copy(target, targetAccess);

    assertThat(first.machines()).isEqualTo(new ImportSummary(2, 2, 0, 0));
    assertThat(first.observations()).isEqualTo(new ImportSummary(4, 3, 0, 0));
    assertThat(first.access()).isEmpty();
    assertThat(target.span(SHA1, id(1))).contains(new InMemoryStore.Span(MAY, JUNE));
    assertThat(target.span(SHA1, id(2))).contains(new InMemoryStore.Span(null, null));
    assertThat(target.span(OTHER_SHA1, id(9))).contains(new InMemoryStore.Span(MAY, MAY));
    assertThat(target.fileName(SHA1)).contains("invoice.exe");
    assertThat(target.machine(id(2))).contains(machine(2, 7));
    assertThat(again.machines()).isEqualTo(new ImportSummary(2, 0, 2, 0));
    assertThat(again.observations()).isEqualTo(new ImportSummary(4, 0, 0, 0));
  }

  private CopySummary copy(InMemoryStore target, InMemoryAccessDirectory targetAccess) {
    try (StoreContents contents = given.contents()) {
      return new CopyStoreService(
              contents,
              new ImportMachinesService(target.machineStore()),
              new ImportObservationsService(target.observationStore()),
              new ReplaceAccessConfigurationService(targetAccess))
          .copy(new ImportOptions(false, 2), ImportListener.silent());
    }
  }

  private void commitMachines(List<Machine> machines) {
    try (ImportSession<Machine> session = given.machines().beginImport()) {
      session.append(machines);
      session.commit(true);
    }
  }

  private void commitObservations(boolean last, Observation... observations) {
    try (ImportSession<Observation> session = given.observations().beginImport()) {
      session.append(List.of(observations));
      session.commit(last);
    }
  }

  private static Observation seen(
      String sha1, String sha256, String md5, String name, int machine, Instant at) {
    return new Observation(
        FileHash.parse(sha1),
        sha256 == null ? null : FileHash.parse(sha256),
        md5 == null ? null : FileHash.parse(md5),
        name,
        id(machine),
        at);
  }

  private static <T> List<T> all(StoreContents.Rows<T> rows) {
    List<T> values = new ArrayList<>();
    try (rows) {
      for (T value = rows.next(); value != null; value = rows.next()) {
        values.add(value);
      }
    }
    return values;
  }
}
