package io.filesight.application.contract;

import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.ResumePoint;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import io.filesight.domain.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of the {@link ObservationStore} out-port: every implementation passes these tests
 * through a subclass that says how to make a fresh one and look inside it.
 */
public abstract class ObservationStoreContract {
  protected static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  protected static final String OTHER_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
  protected static final String SHA256 =
      "a3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  protected static final String MD5 = "0cc175b9c0f1b6a831c399e269772661";

  /** When a file was first and last seen on a machine, as a store keeps it. */
  public record Span(Instant first, Instant last) {}

  /** One fresh, empty store, the ports that write and read it, and a look inside. */
  protected interface Fixture extends AutoCloseable {
    ObservationStore observations();

    MachineStore machines();

    MachineRepository repository();

    /** The first and last time stored for the file on the machine, if any. */
    Optional<Span> span(String sha1, MachineId machine);

    /**
     * Everything the store holds, the bookkeeping of its imports included and change counters
     * aside, in a form two stores (or two moments) can be compared by.
     */
    Object snapshot();

    @Override
    default void close() {}
  }

  protected abstract Fixture newFixture();

  private Fixture given;

  @BeforeEach
  void freshFixture() {
    given = newFixture();
  }

  @org.junit.jupiter.api.AfterEach
  void closeFixture() {
    given.close();
  }

  @Test
  void committedObservationsAreFoundByEachHashOfTheFile() {
    storeMachines(given, 1, 2);

    commit(given, true, seen(SHA1, SHA256, MD5, 1, "2024-05-01T10:00:00Z"), seen(SHA1, 2, null));

    for (String hash : List.of(SHA1, SHA256, MD5, SHA1.toUpperCase())) {
      assertThat(ids(find(given, hash))).as(hash).containsExactly(id(1), id(2));
    }
    assertThat(find(given, OTHER_SHA1)).isEmpty();
  }

  @Test
  void keepsTheFirstAndLastTimePerFileAndMachineWithinAndAcrossCommits() {
    commit(
        given,
        false,
        seen(SHA1, 1, "2024-05-02T10:00:00Z"),
        seen(SHA1, 1, "2024-05-01T09:00:00.5Z"),
        seen(SHA1, 1, null));
    commit(given, true, seen(SHA1, 1, "2024-05-09T10:00:00.1234567Z"), seen(SHA1, 2, null));

    assertThat(given.span(SHA1, id(1)))
        .contains(
            new Span(
                Instant.parse("2024-05-01T09:00:00.5Z"),
                Instant.parse("2024-05-09T10:00:00.1234567Z")));
    assertThat(given.span(SHA1, id(2))).contains(new Span(null, null));
  }

  @Test
  void countsNewPairsAsInsertedAndWidenedStoredPairsAsUpdatedEachOnce() {
    StoredCounts first =
        commit(
            given,
            true,
            seen(SHA1, 1, "2024-05-02T10:00:00Z"),
            seen(SHA1, 1, "2024-05-03T10:00:00Z"),
            seen(SHA1, 2, "2024-05-02T10:00:00Z"));
    StoredCounts second =
        commit(
            given,
            true,
            seen(SHA1, 1, "2024-05-01T10:00:00Z"),
            seen(SHA1, 1, "2024-05-04T10:00:00Z"),
            seen(SHA1, 2, "2024-05-02T10:00:00Z"),
            seen(OTHER_SHA1, 2, null));

    assertThat(first).isEqualTo(new StoredCounts(2, 0));
    assertThat(second).isEqualTo(new StoredCounts(1, 1));
  }

  @Test
  void workNotCommittedIsDiscardedWhenTheSessionCloses() {
    storeMachines(given, 1);
    try (ImportSession<Observation> session = given.observations().beginImport()) {
      session.append(List.of(seen(SHA1, 1, null)));
    }

    assertThat(find(given, SHA1)).isEmpty();
    assertThat(given.span(SHA1, id(1))).isEmpty();
  }

  @Test
  void anObservationOfAMachineNotStoredYetShowsOnceTheMachineIs() {
    commit(given, true, seen(SHA1, 1, "2024-05-01T10:00:00Z"));

    Optional<MachineSlice> before = find(given, SHA1);
    storeMachines(given, 1);

    assertThat(before).hasValueSatisfying(slice -> assertThat(slice.machines()).isEmpty());
    assertThat(ids(find(given, SHA1))).containsExactly(id(1));
  }

  @Test
  void aFileKeepsTheHashesAnEarlierObservationBrought() {
    storeMachines(given, 1, 2);
    commit(given, true, seen(SHA1, SHA256, null, 1, null));

    commit(given, true, seen(SHA1, null, MD5, 2, null));

    assertThat(ids(find(given, SHA256))).containsExactly(id(1), id(2));
    assertThat(ids(find(given, MD5))).containsExactly(id(1), id(2));
  }

  @Test
  void storingTheSameObservationsAgainChangesNothing() {
    List<Observation> observations = sample();
    commit(given, true, observations.toArray(Observation[]::new));
    Object before = given.snapshot();

    StoredCounts again = commit(given, true, observations.toArray(Observation[]::new));

    assertThat(again).isEqualTo(new StoredCounts(0, 0));
    assertThat(given.snapshot()).isEqualTo(before);
  }

  @Test
  void anImportInManyCommitsLeavesWhatOneCommitLeavesAndNoBookkeeping() {
    List<Observation> observations = sample();
    try (ImportSession<Observation> session = given.observations().beginImport()) {
      for (int i = 0; i < observations.size(); i++) {
        session.append(List.of(observations.get(i)));
        session.commit(i == observations.size() - 1);
      }
    }

    try (Fixture other = newFixture()) {
      commit(other, true, observations.toArray(Observation[]::new));
      assertThat(given.snapshot()).isEqualTo(other.snapshot());
    }
  }

  @Test
  void theCommitsOfAnInterruptedImportAreSettledByTheNextImport() {
    List<Observation> observations = sample();
    List<Observation> firstHalf = observations.subList(0, 3);
    List<Observation> secondHalf = observations.subList(3, observations.size());
    try (ImportSession<Observation> interrupted = given.observations().beginImport()) {
      interrupted.append(firstHalf);
      interrupted.commit(false);
      interrupted.append(secondHalf);
    }

    commit(given, true, secondHalf.toArray(Observation[]::new));

    try (Fixture other = newFixture()) {
      commit(other, true, observations.toArray(Observation[]::new));
      assertThat(given.snapshot()).isEqualTo(other.snapshot());
    }
  }

  @Test
  void aRerunResumesAfterTheCommitsOfAnInterruptedImportOfTheSameSourceAndForgetsThem() {
    List<Observation> observations = sample();
    StoredCounts committed = StoredCounts.NONE;
    try (ImportSession<Observation> interrupted = given.observations().beginImport()) {
      assertThat(interrupted.resume("a.csv")).isEqualTo(ResumePoint.NONE);
      interrupted.append(observations.subList(0, 2));
      committed = committed.plus(interrupted.commit(false));
      interrupted.append(observations.subList(2, 3));
      committed = committed.plus(interrupted.commit(false));
      interrupted.append(observations.subList(3, 5));
    }

    ResumePoint resumed;
    ResumePoint another;
    try (ImportSession<Observation> rerun = given.observations().beginImport()) {
      resumed = rerun.resume("a.csv");
      rerun.append(observations.subList((int) resumed.records(), observations.size()));
      rerun.commit(true);
    }
    try (ImportSession<Observation> other = given.observations().beginImport()) {
      another = other.resume("b.csv");
    }

    assertThat(resumed).isEqualTo(new ResumePoint(3, committed));
    assertThat(another).isEqualTo(ResumePoint.NONE);
    try (Fixture other = newFixture()) {
      commit(other, true, observations.toArray(Observation[]::new));
      assertThat(given.snapshot()).as("no progress left").isEqualTo(other.snapshot());
    }
  }

  /** Five sightings of two files on three machines, with and without times and other hashes. */
  private static List<Observation> sample() {
    List<Observation> sample = new ArrayList<>();
    sample.add(seen(SHA1, SHA256, MD5, 1, "2024-05-01T10:00:00Z"));
    sample.add(seen(SHA1, 2, "2024-05-02T10:00:00Z"));
    sample.add(seen(OTHER_SHA1, 3, null));
    sample.add(seen(SHA1, 1, "2024-05-03T10:00:00Z"));
    sample.add(seen(OTHER_SHA1, 1, "2024-04-30T23:59:59.9999999Z"));
    return sample;
  }

  protected static StoredCounts commit(Fixture fixture, boolean last, Observation... observations) {
    try (ImportSession<Observation> session = fixture.observations().beginImport()) {
      session.append(List.of(observations));
      return session.commit(last);
    }
  }

  private static void storeMachines(Fixture fixture, int... numbers) {
    try (ImportSession<Machine> session = fixture.machines().beginImport()) {
      List<Machine> machines = new ArrayList<>();
      for (int n : numbers) {
        machines.add(Machine.builder(id(n)).with(RBAC_GROUP_ID, 0L).build());
      }
      session.append(machines);
      session.commit(true);
    }
  }

  protected static Observation seen(String sha1, int machine, String at) {
    return seen(sha1, null, null, machine, at);
  }

  protected static Observation seen(
      String sha1, String sha256, String md5, int machine, String at) {
    return new Observation(
        FileHash.parse(sha1),
        sha256 == null ? null : FileHash.parse(sha256),
        md5 == null ? null : FileHash.parse(md5),
        sha256 == null ? null : "invoice.exe",
        id(machine),
        at == null ? null : Instant.parse(at));
  }

  protected static MachineId id(int n) {
    return MachineId.of(String.format("%040x", n));
  }

  private static Optional<MachineSlice> find(Fixture fixture, String hash) {
    return fixture.repository().findSeenWith(FileHash.parse(hash), GroupScope.all(), Page.first());
  }

  private static List<MachineId> ids(Optional<MachineSlice> slice) {
    return slice.orElseThrow().machines().stream().map(Machine::id).toList();
  }
}
