package io.filesight.adapter.persistence.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.persistence.JdbiAccessDirectory;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.adapter.persistence.generate.DemoDataGenerator;
import io.filesight.adapter.persistence.generate.GeneratedFiles;
import io.filesight.adapter.persistence.generate.GeneratorSettings;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.Machine;
import io.filesight.domain.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  static final String M1 = "1111111111111111111111111111111111111111";
  static final String M2 = "2222222222222222222222222222222222222222";
  static final String M3 = "3333333333333333333333333333333333333333";
  static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  static final String OTHER_SHA1 = "00000000000000000000000000000000000000aa";
  static final String SHA256 = "a3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String MD5 = "0cc175b9c0f1b6a831c399e269772661";
  static final String HEADER =
      "Timestamp,DeviceId,DeviceName,SHA1,SHA256,MD5,FileName,FolderPath\n";

  @TempDir Path directory;
  private SqliteDatabase database;
  private final List<RejectedRecord> rejected = new ArrayList<>();
  private final List<ImportProgress> progress = new ArrayList<>();
  private Importer importer;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(directory.resolve("filesight.db"), true);
    importer =
        new Importer(
            database,
            new ImportListener() {
              @Override
              public void progress(ImportProgress update) {
                progress.add(update);
              }

              @Override
              public void rejected(RejectedRecord record) {
                rejected.add(record);
              }
            });
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void importsADefenderResponseBodyWithEveryProperty() throws Exception {
    Path file =
        write(
            "machines.json",
            "{\"@odata.context\": \"https://api.securitycenter.microsoft.com/api/$metadata#Machines\",\n"
                + " \"value\": [\n"
                + fullMachineJson(M1)
                + ",\n"
                + "{\"id\": \""
                + M2
                + "\", \"rbacGroupId\": 0, \"unknownKey\": {\"nested\": [1, 2]}}\n"
                + "], \"@odata.nextLink\": null}\n");

    ImportSummary summary = importer.machines(file, ImportOptions.defaults());
    observe(SHA1, M1, "2024-05-01T00:00:00Z");
    observe(SHA1, M2, "2024-05-01T00:00:00Z");

    assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0));
    List<Machine> machines = find(SHA1, GroupScope.all()).orElseThrow().machines();
    Machine full = machines.get(0);
    assertThat(full.computerDnsName()).isEqualTo("fin-ws-1.contoso.com");
    assertThat(full.firstSeen()).isEqualTo(Instant.parse("2024-03-01T08:15:02.1234567Z"));
    assertThat(full.healthStatus()).isEqualTo(HealthStatus.ACTIVE);
    assertThat(full.rbacGroupId()).isEqualTo(140);
    assertThat(full.osBuild()).isEqualTo(22631L);
    assertThat(full.machineTags()).containsExactly("vip", "Contoso, HQ");
    assertThat(full.ipAddresses()).hasSize(2);
    assertThat(full.ipAddresses().get(1).macAddress()).isNull();
    assertThat(full.vmMetadata().cloudProvider()).isEqualTo("Azure");
    assertThat(machines.get(1).id().value()).isEqualTo(M2);
  }

  @Test
  void importsMachinesAsJsonLines() throws Exception {
    Path file = write("machines.jsonl", fullMachineJson(M1) + "\n" + "{\"id\": \"" + M2 + "\"}\n");

    ImportSummary summary = importer.machines(file, ImportOptions.defaults());

    assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0));
  }

  @Test
  void rejectsBadMachinesOneByOneWithLineAndReason() throws Exception {
    Path file =
        write(
            "machines.jsonl",
            "{\"id\": \""
                + M1
                + "\"}\n"
                + "{\"id\": \"not-a-machine\"}\n"
                + "{\"id\": \""
                + M2
                + "\", \"rbacGroupId\": \"140\"}\n"
                + "{\"id\": \""
                + M2
                + "\", \"firstSeen\": \"yesterday\"}\n"
                + "{\"id\": \""
                + M2
                + "\", \"computerDnsName\": \""
                + "x".repeat(5000)
                + "\"}\n"
                + "{\"computerDnsName\": \"no id\"}\n"
                + "[1, 2]\n"
                + "{\"id\": \""
                + M2
                + "\", \"healthStatus\": \"Sleepy\"}\n"
                + "{\"id\": \""
                + M2
                + "\"}\n");

    ImportSummary summary = importer.machines(file, ImportOptions.defaults());

    assertThat(summary).as(rejected.toString()).isEqualTo(new ImportSummary(9, 2, 0, 7));
    assertThat(rejected)
        .extracting(RejectedRecord::line)
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(rejected).allSatisfy(r -> assertThat(r.file()).isEqualTo(file));
    assertThat(rejected.get(0).reason()).contains("id 'not-a-machine' is not a machine id");
    assertThat(rejected.get(1).reason()).contains("rbacGroupId must be a number, found a string");
    assertThat(rejected.get(2).reason()).contains("firstSeen").contains("yesterday");
    assertThat(rejected.get(3).reason()).contains("computerDnsName is longer than 4096");
    assertThat(rejected.get(4).reason()).contains("missing id");
    assertThat(rejected.get(5).reason()).contains("must be a JSON object, found an array");
    assertThat(rejected.get(6).reason()).contains("Sleepy");
  }

  @Test
  void importsAdvancedHuntingCsvWithQuotedFields() throws Exception {
    importMachines(M1, M2);
    Path file =
        write(
            "observations.csv",
            "\uFEFF"
                + HEADER
                + "2024-05-01T10:00:00.1234567Z,"
                + M1
                + ",host1,"
                + SHA1.toUpperCase()
                + ","
                + SHA256
                + ","
                + MD5
                + ",\"invoice, final.exe\",\"C:\\Users\\a \"\"quoted\"\"\nfolder\"\r\n"
                + "2024-05-02 11:00:00,"
                + M2
                + ",host2,"
                + SHA1
                + ",,,,\n");

    ImportSummary summary = importer.observations(file, ImportOptions.defaults());

    assertThat(rejected).isEmpty();
    assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0));
    assertThat(ids(find(MD5, GroupScope.all()).orElseThrow())).containsExactly(M1, M2);
    assertThat(fileName(SHA1)).isEqualTo("invoice, final.exe");
  }

  @Test
  void rejectsBadObservationsOneByOneWithLineAndReason() throws Exception {
    Path file =
        write(
            "observations.csv",
            HEADER
                + "2024-05-01T10:00:00Z,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n"
                + "2024-05-01T10:00:00Z,"
                + M1
                + ",h,12345,,,,\n"
                + "2024-05-01T10:00:00Z,"
                + M1
                + ",h,"
                + SHA1
                + ",abc,,,\n"
                + "last tuesday,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n"
                + "2024-05-01T10:00:00Z,,h,"
                + SHA1
                + ",,,,\n"
                + "2024-05-01T10:00:00Z,"
                + M1
                + ",h,"
                + SHA1
                + ",,,"
                + "p".repeat(5000)
                + ",\n"
                + "2024-05-01T10:00:00Z,"
                + M1
                + ",h\n"
                + "2024-05-01T10:00:00Z,"
                + M1
                + ",h,"
                + SHA256
                + ",,,,\n"
                + "2024-05-01T10:00:00Z,"
                + M2
                + ",h,"
                + SHA1
                + ",,,,\n");

    ImportSummary summary = importer.observations(file, ImportOptions.defaults());

    assertThat(summary).as(rejected.toString()).isEqualTo(new ImportSummary(9, 2, 0, 7));
    assertThat(rejected)
        .extracting(RejectedRecord::line)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(rejected.get(0).reason()).contains("SHA1 '12345' is not a 40-hex-digit hash");
    assertThat(rejected.get(1).reason()).contains("SHA256 'abc'");
    assertThat(rejected.get(2).reason()).contains("Timestamp").contains("last tuesday");
    assertThat(rejected.get(3).reason()).isEqualTo("missing DeviceId");
    assertThat(rejected.get(4).reason()).contains("FileName is longer than 4096");
    assertThat(rejected.get(5).reason()).contains("has 3 fields where the header has 8");
    assertThat(rejected.get(6).reason()).contains("SHA1");
  }

  @Test
  void importsObservationsAsJsonLinesAndRejectsWrongTypes() throws Exception {
    Path file =
        write(
            "observations.jsonl",
            "{\"DeviceId\": \""
                + M1
                + "\", \"SHA1\": \""
                + SHA1
                + "\", \"Timestamp\": \"2024-05-01T10:00:00Z\"}\n"
                + "{\"DeviceId\": 7, \"SHA1\": \""
                + SHA1
                + "\"}\n"
                + "{\"DeviceId\": \""
                + M2
                + "\", \"SHA1\": \""
                + SHA1
                + "\", \"Extra\": [true]}\n");

    ImportSummary summary = importer.observations(file, ImportOptions.defaults());

    assertThat(summary).isEqualTo(new ImportSummary(3, 2, 0, 1));
    assertThat(rejected)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.line()).isEqualTo(2);
              assertThat(r.reason()).contains("DeviceId must be a string, found a number");
            });
  }

  @Test
  void strictModeFailsOnTheFirstBadRecordWithNothingWritten() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 50; i++) {
      csv.append("2024-05-01T10:00:00Z,").append(M1).append(",h,").append(sha1(i)).append(",,,,\n");
    }
    csv.append("2024-05-01T10:00:00Z,").append(M1).append(",h,bad,,,,\n");
    Path file = write("observations.csv", csv.toString());

    assertThatThrownBy(() -> importer.observations(file, new ImportOptions(true, 10)))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":52")
        .hasMessageContaining("SHA1 'bad'")
        .hasMessageContaining("nothing was written");
    assertThat(count("observation")).isZero();
    assertThat(count("seen_file")).isZero();
  }

  @Test
  void lenientModeKeepsGoingPastBadRecords() throws Exception {
    Path file =
        write(
            "observations.csv",
            HEADER
                + "x,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n"
                + "2024-05-01T10:00:00Z,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n");

    ImportSummary summary = importer.observations(file, new ImportOptions(false, 1));

    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(count("observation")).isEqualTo(1);
  }

  @Test
  void truncatedCsvGivesAClearError() throws Exception {
    Path file =
        write(
            "observations.csv", HEADER + "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,\"cut");

    assertThatThrownBy(() -> importer.observations(file, ImportOptions.defaults()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":2")
        .hasMessageContaining("truncated");
  }

  @Test
  void truncatedJsonGivesAClearError() throws Exception {
    Path file =
        write(
            "machines.json",
            "{\"value\": [\n" + fullMachineJson(M1) + ",\n{\"id\": \"" + M2 + "\", \"comp");

    assertThatThrownBy(() -> importer.machines(file, ImportOptions.defaults()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":")
        .hasMessageContaining("truncated");
  }

  @Test
  void nonUtf8FileGivesAClearErrorWithItsLine() throws Exception {
    Path file = directory.resolve("latin1.csv");
    byte[] head =
        (HEADER + "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,,\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] bad =
        ("2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,caf\u00e9.exe,\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    Files.write(file, all);

    assertThatThrownBy(() -> importer.observations(file, ImportOptions.defaults()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":3")
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void missingFileGivesAClearError() {
    Path file = directory.resolve("nowhere.csv");

    assertThatThrownBy(() -> importer.observations(file, ImportOptions.defaults()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no such file");
  }

  @Test
  void csvWithoutTheRequiredColumnsFails() throws Exception {
    Path file = write("observations.csv", "Timestamp,DeviceName,SHA1\nx,y,z\n");

    assertThatThrownBy(() -> importer.observations(file, ImportOptions.defaults()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":1")
        .hasMessageContaining("no DeviceId column");
  }

  @Test
  void reimportingTheSameFilesChangesNothing() throws Exception {
    Path machines = write("machines.jsonl", fullMachineJson(M1) + "\n{\"id\": \"" + M2 + "\"}\n");
    Path observations = write("observations.csv", threeSightings(SHA256));
    importer.machines(machines, ImportOptions.defaults());
    // A store that holds observations already, so that every batch is moved as it commits.
    importer.observations(
        write("earlier.csv", HEADER + "," + M2 + ",h," + OTHER_SHA1 + ",,,,\n"),
        ImportOptions.defaults());
    // Batches of one: the second sighting on M1 widens a committed row, which counts as updated.
    ImportSummary first = importer.observations(observations, new ImportOptions(false, 1));
    List<Map<String, Object>> before = dump();

    ImportSummary machinesAgain = importer.machines(machines, ImportOptions.defaults());
    ImportSummary again = importer.observations(observations, new ImportOptions(false, 2));

    assertThat(first).isEqualTo(new ImportSummary(3, 2, 1, 0));
    assertThat(machinesAgain).isEqualTo(new ImportSummary(2, 0, 2, 0));
    assertThat(again).isEqualTo(new ImportSummary(3, 0, 0, 0));
    assertThat(dump()).isEqualTo(before);
  }

  @Test
  void aFirstImportShowsItsObservationsWhenItEndsAndCountsEachPairOnce() throws Exception {
    importer.machines(
        write("machines.jsonl", "{\"id\": \"" + M1 + "\"}\n{\"id\": \"" + M2 + "\"}\n"),
        ImportOptions.defaults());
    Path observations = write("observations.csv", threeSightings(""));
    List<List<Long>> seenAfterEachBatch = new ArrayList<>();
    Importer watched =
        new Importer(
            database,
            new ImportListener() {
              @Override
              public void progress(ImportProgress update) {
                seenAfterEachBatch.add(
                    List.of(
                        count("observation"),
                        backlogCount(),
                        count("seen_file"),
                        count("seen_file_backlog")));
              }

              @Override
              public void rejected(RejectedRecord record) {}
            });

    // Batches of one into a store without observations: they wait in the backlog, committed, and
    // the last batch moves them all, and their file with them.
    ImportSummary summary = watched.observations(observations, new ImportOptions(false, 1));

    assertThat(seenAfterEachBatch)
        .containsExactly(List.of(0L, 1L, 0L, 1L), List.of(0L, 2L, 0L, 1L), List.of(2L, 0L, 1L, 0L));
    assertThat(summary).isEqualTo(new ImportSummary(3, 2, 0, 0));
    Map<String, Object> m1 =
        database
            .reads()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT first_seen_ns, last_seen_ns FROM observation"
                                + " WHERE machine_id = :m")
                        .bind("m", M1)
                        .mapToMap()
                        .one());
    assertThat(m1)
        .containsEntry("first_seen_ns", nanos("2024-05-01T10:00:00Z"))
        .containsEntry("last_seen_ns", nanos("2024-05-03T10:00:00Z"));
  }

  @Test
  void aFirstImportLeavesFewFreePagesBehindItsBacklog() throws Exception {
    GeneratedFiles data =
        new DemoDataGenerator()
            .generate(new GeneratorSettings(300, 2_000, 40_000, 11), directory.resolve("data"));
    importer.machines(data.machines(), ImportOptions.defaults());

    ImportSummary summary =
        importer.observations(data.observations(), new ImportOptions(false, 4_000));

    // The backlog took about as many pages as the observations' table; moved one of its 16 tables
    // at a time, each freeing its pages for the next, it leaves about a sixteenth of them free.
    long observationPages = pages("SELECT COUNT(*) FROM dbstat WHERE name = 'observation'");
    long freePages = pages("PRAGMA freelist_count");
    assertThat(summary.read()).isEqualTo(40_000);
    assertThat(backlogCount()).isZero();
    assertThat(observationPages).isGreaterThan(200);
    assertThat(freePages).isLessThan(observationPages / 4);
  }

  @Test
  void rowsAnInterruptedFirstImportLeftInTheBacklogAreMovedByTheNextImport() throws Exception {
    importer.machines(
        write("machines.jsonl", "{\"id\": \"" + M1 + "\"}\n{\"id\": \"" + M2 + "\"}\n"),
        ImportOptions.defaults());
    // What a first import killed after committing a batch leaves: its file and its observation,
    // in the backlog only.
    database
        .writes()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO seen_file_backlog (sha1, file_name) VALUES (?, ?)", SHA1, "a.exe");
              h.execute(
                  "INSERT INTO observation_backlog_1 (sha1, machine_id, seen_ns) VALUES (?, ?, ?)",
                  SHA1,
                  M1,
                  nanos("2024-05-01T10:00:00Z"));
            });

    ImportSummary summary =
        importer.observations(
            write("again.csv", HEADER + "2024-05-02T10:00:00Z," + M2 + ",h," + SHA1 + ",,,,\n"),
            ImportOptions.defaults());

    assertThat(summary).isEqualTo(new ImportSummary(1, 2, 0, 0));
    assertThat(count("observation")).isEqualTo(2);
    assertThat(backlogCount() + count("seen_file_backlog")).isZero();
    String name =
        database
            .reads()
            .withHandle(
                h -> h.createQuery("SELECT file_name FROM seen_file").mapTo(String.class).one());
    assertThat(name).isEqualTo("a.exe");
  }

  @Test
  void keepsTheFirstAndLastTimeAFileWasSeenOnAMachine() throws Exception {
    Path file =
        write(
            "observations.csv",
            HEADER
                + "2024-05-02T10:00:00Z,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n"
                + "2024-05-01T09:00:00.5Z,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n"
                + ","
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n"
                + "2024-05-09T10:00:00Z,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n"
                + "2024-05-03T10:00:00Z,"
                + M1
                + ",h,"
                + SHA1
                + ",,,,\n");

    importer.observations(file, new ImportOptions(false, 2));

    List<Map<String, Object>> rows =
        database
            .reads()
            .withHandle(
                h ->
                    h.createQuery("SELECT first_seen_ns, last_seen_ns FROM observation")
                        .mapToMap()
                        .list());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("first_seen_ns")).isEqualTo(nanos("2024-05-01T09:00:00.5Z"));
    assertThat(rows.get(0).get("last_seen_ns")).isEqualTo(nanos("2024-05-09T10:00:00Z"));
  }

  @Test
  void observationOfAMachineNotImportedYetBecomesVisibleWithTheMachine() throws Exception {
    Path observations =
        write("observations.csv", HEADER + "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,,\n");
    importer.observations(observations, ImportOptions.defaults());

    Optional<MachineSlice> before = find(SHA1, GroupScope.all());
    importMachines(M1);
    Optional<MachineSlice> after = find(SHA1, GroupScope.all());

    assertThat(before).hasValueSatisfying(s -> assertThat(s.machines()).isEmpty());
    assertThat(after).hasValueSatisfying(s -> assertThat(ids(s)).containsExactly(M1));
  }

  @Test
  void accessImportReplacesTheConfigurationAtomically() throws Exception {
    Path first =
        write(
            "access.json",
            "{\"machineGroups\": [{\"id\": 140, \"name\": \"Finance\", \"rank\": 1, \"assignedUserGroups\": [\"g-1\"]},"
                + " {\"id\": 141, \"name\": \"Engineering\", \"rank\": 2, \"assignedUserGroups\": []}],"
                + " \"roles\": [{\"name\": \"Tier 1\", \"permissions\": [\"ViewData\"], \"assignedUserGroups\": [\"g-1\"]}]}");
    Path broken =
        write(
            "broken.json",
            "{\"machineGroups\": [{\"id\": 142, \"name\": \"Servers\"},\n {\"id\": \"x\", \"name\": \"Bad\"}], \"roles\": []}");

    ImportSummary summary = importer.access(first, ImportOptions.defaults());
    assertThatThrownBy(() -> importer.access(broken, ImportOptions.defaults()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(broken + ":2")
        .hasMessageContaining("id must be a number");

    assertThat(summary).isEqualTo(new ImportSummary(3, 3, 0, 0));
    var configuration = new JdbiAccessDirectory(database).accessConfiguration();
    assertThat(configuration.configured()).isTrue();
    assertThat(configuration.machineGroups())
        .extracting(g -> g.group().name())
        .containsExactly("Finance", "Engineering");
    assertThat(configuration.roles().get(0).grantsViewDataTo(java.util.Set.of("g-1"))).isTrue();
  }

  @Test
  void theWriterChecksForeignKeysAgainAfterAnObservationImport() throws Exception {
    importer.observations(
        write("observations.csv", HEADER + "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,,\n"),
        new ImportOptions(false, 1));

    long enforced =
        database
            .writes()
            .withHandle(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Long.class).one());
    assertThat(enforced).isEqualTo(1);
  }

  @Test
  void reportsProgressAfterEachBatch() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 25; i++) {
      csv.append("2024-05-01T10:00:00Z,").append(M1).append(",h,").append(sha1(i)).append(",,,,\n");
    }

    importer.observations(write("observations.csv", csv.toString()), new ImportOptions(false, 10));

    assertThat(progress).extracting(ImportProgress::records).containsExactly(10L, 20L, 25L);
  }

  @Test
  void progressTellsTheShareOfTheFileReadAndEndsAtItsSize() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 30_000; i++) {
      csv.append("2024-05-01T10:00:00Z,").append(M1).append(",h,").append(sha1(i)).append(",,,,\n");
    }
    Path file = write("observations.csv", csv.toString());
    long size = Files.size(file);

    importer.observations(file, new ImportOptions(false, 5_000));

    assertThat(progress).as("one report per committed batch").hasSize(6);
    assertThat(progress).allSatisfy(p -> assertThat(p.bytesTotal()).hasValue(size));
    assertThat(progress)
        .extracting(ImportProgress::bytesRead)
        .isSortedAccordingTo(Long::compare)
        .allSatisfy(read -> assertThat(read).isBetween(1L, size));
    assertThat(progress.get(0).percent().orElseThrow()).isLessThan(100);
    ImportProgress last = progress.get(progress.size() - 1);
    assertThat(last.records()).isEqualTo(30_000);
    assertThat(last.bytesRead()).isEqualTo(size);
    assertThat(last.percent()).hasValue(100);
  }

  @Test
  void malformedJsonLinesAreRejectedOneByOneAndTheImportGoesOn() throws Exception {
    Path file =
        write(
            "machines.jsonl",
            machineLine(M1)
                + "{\"id\": \""
                + M2
                + "\" \"osPlatform\": \"Linux\"}\n"
                + "not json at all\n"
                + "\n"
                + machineLine(M2)
                + machineLine(M3).strip()
                + " {\"id\": \""
                + M1
                + "\"}\n"
                + "{\"id\": \""
                + M3
                + "\", \"computerDnsName\": \"a\\nb\"}\r\n"
                + "{\"id\": \""
                + M3
                + "\", \"osPla");

    ImportSummary summary = importer.machines(file, ImportOptions.defaults());

    assertThat(summary).as(rejected.toString()).isEqualTo(new ImportSummary(7, 3, 0, 4));
    assertThat(rejected).extracting(RejectedRecord::line).containsExactly(2L, 3L, 6L, 8L);
    assertThat(rejected.get(0).reason()).startsWith("not valid JSON: expected");
    assertThat(rejected.get(1).reason()).startsWith("not valid JSON:");
    assertThat(rejected.get(2).reason()).contains("unexpected content after the record");
    assertThat(rejected.get(3).reason()).contains("truncated");
    assertThat(machineDnsName(M3)).isEqualTo("a\nb");
  }

  @Test
  void aMalformedFirstLineIsOneBadRecordOfJsonLines() throws Exception {
    Path file =
        write(
            "observations.jsonl",
            "{\"DeviceId\": \""
                + M1
                + "\", \"SHA1\" \""
                + SHA1
                + "\"}\n"
                + "{\"DeviceId\": \""
                + M2
                + "\", \"SHA1\": \""
                + SHA1
                + "\"}\n");

    ImportSummary summary = importer.observations(file, ImportOptions.defaults());

    assertThat(summary).isEqualTo(new ImportSummary(2, 1, 0, 1));
    assertThat(rejected).extracting(RejectedRecord::line).containsExactly(1L);
  }

  @Test
  void strictModeFailsOnAMalformedJsonLineWithNothingWritten() throws Exception {
    Path file = write("machines.jsonl", machineLine(M1) + "{\"id\": \n" + machineLine(M2));

    assertThatThrownBy(() -> importer.machines(file, new ImportOptions(true, 1)))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageStartingWith(file + ":2: ")
        .hasMessageContaining("nothing was written");
    assertThat(count("machine")).isZero();
  }

  @Test
  void aSyntaxErrorInAResponseBodyStillStopsTheImport() throws Exception {
    Path file =
        write(
            "machines.json",
            "{\"value\": [\n"
                + machineLine(M1).strip()
                + ",\n{\"id\" \""
                + M2
                + "\"},\n"
                + machineLine(M3).strip()
                + "\n]}\n");

    assertThatThrownBy(() -> importer.machines(file, ImportOptions.defaults()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageStartingWith(file + ":3: not valid JSON");
    assertThat(rejected).isEmpty();
  }

  private void importMachines(String... ids) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (String id : ids) {
      lines.append("{\"id\": \"").append(id).append("\"}\n");
    }
    importer.machines(
        write("m-" + ids.length + ".jsonl", lines.toString()), ImportOptions.defaults());
  }

  private void observe(String sha1, String machine, String at) throws Exception {
    importer.observations(
        write("o.csv", HEADER + at + "," + machine + ",h," + sha1 + ",,,,\n"),
        ImportOptions.defaults());
  }

  private static String machineLine(String id) {
    return "{\"id\": \"" + id + "\"}\n";
  }

  private String machineDnsName(String id) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery("SELECT computer_dns_name FROM machine WHERE id = ?")
                    .bind(0, id)
                    .mapTo(String.class)
                    .one());
  }

  private Optional<MachineSlice> find(String hash, GroupScope scope) {
    return new JdbiMachineRepository(database)
        .findSeenWith(FileHash.parse(hash), scope, Page.first());
  }

  private static List<String> ids(MachineSlice slice) {
    return slice.machines().stream().map(m -> m.id().value()).toList();
  }

  private String fileName(String sha1) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery("SELECT file_name FROM seen_file WHERE sha1 = ?")
                    .bind(0, sha1)
                    .mapTo(String.class)
                    .one());
  }

  private long pages(String query) {
    return database.reads().withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
  }

  /** Sightings in the 16 observation backlog tables. */
  private long backlogCount() {
    long sum = 0;
    for (char digit : "0123456789abcdef".toCharArray()) {
      sum += count("observation_backlog_" + digit);
    }
    return sum;
  }

  private long count(String table) {
    return database
        .reads()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private List<Map<String, Object>> dump() {
    return database
        .reads()
        .withHandle(
            h -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              rows.addAll(h.createQuery("SELECT * FROM machine ORDER BY id").mapToMap().list());
              rows.addAll(h.createQuery("SELECT * FROM seen_file ORDER BY sha1").mapToMap().list());
              rows.addAll(
                  h.createQuery("SELECT * FROM observation ORDER BY sha1, machine_id")
                      .mapToMap()
                      .list());
              return rows;
            });
  }

  /** SHA1 seen on M1 on May 1st (with this SHA-256) and 3rd, and on M2 on May 2nd. */
  private static String threeSightings(String sha256) {
    return HEADER
        + String.join(
            "",
            "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + "," + sha256 + ",,,\n",
            "2024-05-03T10:00:00Z," + M1 + ",h," + SHA1 + ",,,,\n",
            "2024-05-02T10:00:00Z," + M2 + ",h," + SHA1 + ",,,,\n");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static long nanos(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static String sha1(int i) {
    return String.format("%040x", i + 1);
  }

  static String fullMachineJson(String id) {
    return "{\"id\": \""
        + id
        + "\", \"mergedIntoMachineId\": null, \"isPotentialDuplication\": false,"
        + " \"isExcluded\": false, \"exclusionReason\": null, \"computerDnsName\": \"fin-ws-1.contoso.com\","
        + " \"firstSeen\": \"2024-03-01T08:15:02.1234567Z\", \"lastSeen\": \"2024-11-20T17:01:59.5Z\","
        + " \"osPlatform\": \"Windows11\", \"osVersion\": null, \"osProcessor\": \"x64\", \"version\": \"23H2\","
        + " \"lastIpAddress\": \"10.0.0.1\", \"lastExternalIpAddress\": \"203.0.113.7\","
        + " \"agentVersion\": \"10.8470.22631.1\", \"osBuild\": 22631, \"healthStatus\": \"Active\","
        + " \"deviceValue\": \"Normal\", \"rbacGroupId\": 140, \"rbacGroupName\": \"Finance\","
        + " \"riskScore\": \"Low\", \"exposureLevel\": \"Medium\", \"isAadJoined\": true,"
        + " \"aadDeviceId\": \"80fe8ff8-2624-418e-9591-41f0491218f9\", \"machineTags\": [\"vip\", \"Contoso, HQ\"],"
        + " \"defenderAvStatus\": \"Updated\", \"onboardingStatus\": \"Onboarded\", \"osArchitecture\": \"64-bit\","
        + " \"managedBy\": \"Intune\", \"managedByStatus\": \"Success\","
        + " \"ipAddresses\": [{\"ipAddress\": \"10.0.0.1\", \"macAddress\": \"00-1A-2B-3C-4D-5E\", \"type\": \"Ethernet\", \"operationalStatus\": \"Up\"},"
        + " {\"ipAddress\": \"127.0.0.1\", \"macAddress\": null, \"type\": \"SoftwareLoopback\", \"operationalStatus\": \"Up\"}],"
        + " \"vmMetadata\": {\"vmId\": \"v\", \"cloudProvider\": \"Azure\", \"resourceId\": \"/r\", \"subscriptionId\": \"s\"}}";
  }
}
