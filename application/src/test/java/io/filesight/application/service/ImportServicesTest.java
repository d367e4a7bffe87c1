package io.filesight.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.fake.Machines;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportProgress;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.ParsedRecord;
import io.filesight.application.port.in.RecordSource;
import io.filesight.application.port.in.RejectedRecord;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.ResumePoint;
import io.filesight.application.port.out.StoreUnavailableException;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.Observation;
import io.filesight.domain.Page;
import io.filesight.domain.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportServicesTest {
  private static final String SOURCE = "observations.csv";

  private final InMemoryStore store = new InMemoryStore();
  private final List<ImportProgress> progress = new ArrayList<>();
  private final List<RejectedRecord> rejected = new ArrayList<>();
  private final List<Long> resumed = new ArrayList<>();
  private final ImportListener listener =
      new ImportListener() {
        @Override
        public void progress(ImportProgress update) {
          progress.add(update);
        }

        @Override
        public void rejected(RejectedRecord record) {
          rejected.add(record);
        }

        @Override
        public void resumed(long records) {
          resumed.add(records);
        }
      };

  @Test
  void commitsInBatchesReportingProgressAfterEachAndTheLastOneLast() {
    Recording recording = new Recording();

    ImportSummary summary =
        new ImportObservationsService(() -> recording)
            .importObservations(source(observations(25)), new ImportOptions(false, 10), listener);

    assertThat(summary).isEqualTo(new ImportSummary(25, 25, 0, 0));
    assertThat(recording.commits).containsExactly("10 more", "10 more", "5 last");
    assertThat(progress).extracting(ImportProgress::records).containsExactly(10L, 20L, 25L);
    assertThat(recording.closed).isTrue();
  }

  @Test
  void aLargeBatchReachesTheStoreInPartsOfTenThousand() {
    Recording recording = new Recording();

    new ImportObservationsService(() -> recording)
        .importObservations(source(observations(25_000)), ImportOptions.defaults(), listener);

    assertThat(recording.parts).containsExactly(10_000, 10_000, 5_000);
    assertThat(recording.commits).containsExactly("25000 last");
  }

  @Test
  void aBadRecordIsReportedByItsSourceAndLineAndSkipped() {
    List<ParsedRecord<Observation>> records = new ArrayList<>(accepted(observations(3)));
    records.add(1, ParsedRecord.rejected(3, "SHA1 '12345' is not a 40-hex-digit hash"));

    ImportSummary summary =
        new ImportObservationsService(store.observationStore())
            .importObservations(parsed(records), new ImportOptions(false, 2), listener);

    assertThat(summary).isEqualTo(new ImportSummary(4, 3, 0, 1));
    assertThat(rejected)
        .containsExactly(new RejectedRecord(SOURCE, 3, "SHA1 '12345' is not a 40-hex-digit hash"));
    assertThat(rejected.get(0)).hasToString(SOURCE + ":3: SHA1 '12345' is not a 40-hex-digit hash");
  }

  @Test
  void strictModeFailsOnTheFirstBadRecordWithNothingWritten() {
    List<ParsedRecord<Observation>> records = new ArrayList<>(accepted(observations(50)));
    records.add(ParsedRecord.rejected(52, "SHA1 'bad' is not a 40-hex-digit hash"));
    Recording recording = new Recording();

    assertThatThrownBy(
            () ->
                new ImportObservationsService(() -> recording)
                    .importObservations(parsed(records), new ImportOptions(true, 10), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessage(
            SOURCE
                + ":52: SHA1 'bad' is not a 40-hex-digit hash"
                + " (strict import: nothing was written)");
    assertThat(recording.commits).isEmpty();
    assertThat(recording.closed).isTrue();
  }

  @Test
  void strictModeCommitsOnceAtTheEndAndStillReportsProgressPerBatch() {
    Recording recording = new Recording();

    new ImportObservationsService(() -> recording)
        .importObservations(source(observations(25)), new ImportOptions(true, 10), listener);

    assertThat(recording.commits).containsExactly("25 last");
    assertThat(progress).extracting(ImportProgress::records).containsExactly(10L, 20L, 25L);
  }

  @Test
  void aRerunResumesAfterTheRecordsAnInterruptedImportOfTheSameSourceCommitted() {
    List<ParsedRecord<Observation>> records = new ArrayList<>(accepted(observations(25)));
    records.add(5, ParsedRecord.rejected(7, "SHA1 'bad' is not a 40-hex-digit hash"));
    Recording recording = new Recording();
    recording.resumeAt = new ResumePoint(20, new StoredCounts(12, 3));

    ImportSummary summary =
        new ImportObservationsService(() -> recording)
            .importObservations(
                parsed(records, "observations.csv 1000 bytes"),
                new ImportOptions(false, 10),
                listener);

    assertThat(recording.sources).containsExactly("observations.csv 1000 bytes");
    assertThat(recording.commits).containsExactly("5 last");
    assertThat(resumed).containsExactly(20L);
    assertThat(rejected).extracting(RejectedRecord::line).containsExactly(7L);
    assertThat(summary).isEqualTo(new ImportSummary(26, 17, 3, 1));
    assertThat(progress).extracting(ImportProgress::records).containsExactly(26L);
  }

  @Test
  void aRerunWithNothingLeftToAppendStillEndsWithTheLastCommit() {
    Recording recording = new Recording();
    recording.resumeAt = new ResumePoint(25, StoredCounts.NONE);

    new ImportObservationsService(() -> recording)
        .importObservations(
            parsed(accepted(observations(25)), "observations.csv 1000 bytes"),
            new ImportOptions(false, 10),
            listener);

    assertThat(recording.commits).containsExactly("0 last");
  }

  @Test
  void recordsThatCannotBeReadAgainTheSameWayAreImportedFromTheBeginning() {
    Recording recording = new Recording();
    recording.resumeAt = new ResumePoint(20, StoredCounts.NONE);

    new ImportObservationsService(() -> recording)
        .importObservations(source(observations(25)), new ImportOptions(false, 10), listener);

    assertThat(recording.sources).isEmpty();
    assertThat(recording.commits).containsExactly("10 more", "10 more", "5 last");
    assertThat(resumed).isEmpty();
  }

  @Test
  void anEmptySourceStartsNoSessionAndReportsProgressOnce() {
    ImportSummary summary =
        new ImportObservationsService(
                () -> {
                  throw new AssertionError("no session for no records");
                })
            .importObservations(source(List.of()), ImportOptions.defaults(), listener);

    assertThat(summary).isEqualTo(new ImportSummary(0, 0, 0, 0));
    assertThat(progress).hasSize(1);
  }

  @Test
  void aSourceThatCannotGoOnStopsTheImportKeepingTheBatchesCommittedBefore() {
    Iterator<Observation> first = observations(15).iterator();
    RecordSource<Observation> truncated =
        new RecordSource<>() {
          private long line;

          @Override
          public String name() {
            return SOURCE;
          }

          @Override
          public ParsedRecord<Observation> next() {
            if (!first.hasNext()) {
              throw new ImportFailedException(SOURCE, line + 1, "the file ends inside a quote");
            }
            return ParsedRecord.accepted(++line, first.next());
          }
        };

    assertThatThrownBy(
            () ->
                new ImportObservationsService(store.observationStore())
                    .importObservations(truncated, new ImportOptions(false, 10), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessage(SOURCE + ":16: the file ends inside a quote");
    assertThat(seenOn(0)).isTrue();
    assertThat(seenOn(9)).isTrue();
    assertThat(seenOn(10)).as("the second batch was not committed").isFalse();
  }

  @Test
  void aStoreThatFailsStopsTheImportNamingTheSourceAndTheStoresCause() {
    Recording failing = new Recording();
    failing.failure =
        new StoreUnavailableException("writing to /data/filesight.db failed: disk full");

    assertThatThrownBy(
            () ->
                new ImportObservationsService(() -> failing)
                    .importObservations(
                        source(observations(3)), ImportOptions.defaults(), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessage(SOURCE + ": writing to /data/filesight.db failed: disk full");
    assertThat(failing.closed).isTrue();
  }

  @Test
  void machinesAreImportedTheSameWay() {
    List<Machine> machines = List.of(Machines.machine(1, 0), Machines.machine(2, 140));

    ImportSummary first =
        new ImportMachinesService(store.machineStore())
            .importMachines(
                RecordSource.of("machines.jsonl", machines), ImportOptions.defaults(), listener);
    ImportSummary again =
        new ImportMachinesService(store.machineStore())
            .importMachines(
                RecordSource.of("machines.jsonl", machines), ImportOptions.defaults(), listener);

    assertThat(first).isEqualTo(new ImportSummary(2, 2, 0, 0));
    assertThat(again).isEqualTo(new ImportSummary(2, 0, 2, 0));
    assertThat(store.machine(Machines.id(2))).contains(machines.get(1));
  }

  @Test
  void anAccessConfigurationReplacesThePreviousOneAndCountsItsGroupsAndRoles() {
    InMemoryAccessDirectory directory = new InMemoryAccessDirectory();
    AccessConfiguration configuration =
        AccessConfiguration.of(
            List.of(new MachineGroupAccess(new MachineGroup(140, "Finance", 1), Set.of("g-1"))),
            List.of(
                new Role("Tier 1", Set.of(Role.VIEW_DATA), Set.of("g-1")),
                new Role("Auditors", Set.of("ViewReports"), Set.of())));

    ImportSummary summary =
        new ReplaceAccessConfigurationService(directory)
            .replaceAccessConfiguration("access.json", configuration);

    assertThat(summary).isEqualTo(new ImportSummary(3, 3, 0, 0));
    assertThat(directory.accessConfiguration()).isEqualTo(configuration);
  }

  @Test
  void anAccessStoreThatFailsNamesTheSource() {
    assertThatThrownBy(
            () ->
                new ReplaceAccessConfigurationService(
                        configuration -> {
                          throw new StoreUnavailableException("the database is read-only");
                        })
                    .replaceAccessConfiguration("access.json", AccessConfiguration.unconfigured()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessage("access.json: the database is read-only");
  }

  private boolean seenOn(int n) {
    return store.findSeenWith(FileHash.parse(sha1(n)), GroupScope.all(), Page.first()).isPresent();
  }

  private static List<Observation> observations(int count) {
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      observations.add(
          new Observation(FileHash.parse(sha1(i)), null, null, null, Machines.id(1), null));
    }
    return observations;
  }

  private static String sha1(int n) {
    return String.format("%040x", n + 1);
  }

  private static <T> List<ParsedRecord<T>> accepted(List<T> values) {
    List<ParsedRecord<T>> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(ParsedRecord.accepted(i + 2, values.get(i)));
    }
    return records;
  }

  private static RecordSource<Observation> source(List<Observation> observations) {
    return RecordSource.of(SOURCE, observations);
  }

  private static RecordSource<Observation> parsed(List<ParsedRecord<Observation>> records) {
    return parsed(records, null);
  }

  /** The records, from a source with {@code identity} (none when null). */
  private static RecordSource<Observation> parsed(
      List<ParsedRecord<Observation>> records, String identity) {
    Iterator<ParsedRecord<Observation>> next = records.iterator();
    return new RecordSource<>() {
      @Override
      public String name() {
        return SOURCE;
      }

      @Override
      public Optional<String> identity() {
        return Optional.ofNullable(identity);
      }

      @Override
      public ParsedRecord<Observation> next() {
        return next.hasNext() ? next.next() : null;
      }

      @Override
      public OptionalLong bytesTotal() {
        return OptionalLong.of(1000);
      }
    };
  }

  /** A session that records what it was given and counts every record as inserted. */
  private static final class Recording implements ImportSession<Observation> {
    final List<Integer> parts = new ArrayList<>();
    final List<String> commits = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    ResumePoint resumeAt = ResumePoint.NONE;
    RuntimeException failure;
    boolean closed;
    private int pending;

    @Override
    public ResumePoint resume(String source) {
      sources.add(source);
      return resumeAt;
    }

    @Override
    public void append(List<Observation> batch) {
      if (failure != null) {
        throw failure;
      }
      parts.add(batch.size());
      pending += batch.size();
    }

    @Override
    public StoredCounts commit(boolean last) {
      commits.add(pending + (last ? " last" : " more"));
      StoredCounts counts = new StoredCounts(pending, 0);
      pending = 0;
      return counts;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
