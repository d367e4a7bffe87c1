package io.filesight.adapter.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportProgress;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.RejectedRecord;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.application.service.ImportMachinesService;
import io.filesight.application.service.ImportObservationsService;
import io.filesight.application.service.ReplaceAccessConfigurationService;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defender's export files through the real import use cases into the in-memory stores: every
 * format, every rejection by file and line, and what stops an import.
 */
class DefenderFilesTest {
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
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryAccessDirectory access = new InMemoryAccessDirectory();
  private final List<RejectedRecord> rejected = new ArrayList<>();
  private final List<ImportProgress> progress = new ArrayList<>();
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
      };
  private final DefenderFiles files =
      new DefenderFiles(
          new ImportMachinesService(store.machineStore()),
          new ImportObservationsService(store.observationStore()),
          new ReplaceAccessConfigurationService(access));

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

    ImportSummary summary = files.machines(file, ImportOptions.defaults(), listener);
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

    ImportSummary summary = files.machines(file, ImportOptions.defaults(), listener);

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

    ImportSummary summary = files.machines(file, ImportOptions.defaults(), listener);

    assertThat(summary).as(rejected.toString()).isEqualTo(new ImportSummary(9, 2, 0, 7));
    assertThat(rejected)
        .extracting(RejectedRecord::line)
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(rejected).allSatisfy(r -> assertThat(r.source()).isEqualTo(file.toString()));
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

    ImportSummary summary = files.observations(file, ImportOptions.defaults(), listener);

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

    ImportSummary summary = files.observations(file, ImportOptions.defaults(), listener);

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

    ImportSummary summary = files.observations(file, ImportOptions.defaults(), listener);

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

    assertThatThrownBy(() -> files.observations(file, new ImportOptions(true, 10), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":52")
        .hasMessageContaining("SHA1 'bad'")
        .hasMessageContaining("nothing was written");
    assertThat(store.sightings()).isZero();
    assertThat(store.fileName(sha1(0))).isEmpty();
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

    ImportSummary summary = files.observations(file, new ImportOptions(false, 1), listener);

    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(store.sightings()).isEqualTo(1);
  }

  @Test
  void truncatedCsvGivesAClearError() throws Exception {
    Path file =
        write(
            "observations.csv", HEADER + "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,\"cut");

    assertThatThrownBy(() -> files.observations(file, ImportOptions.defaults(), listener))
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

    assertThatThrownBy(() -> files.machines(file, ImportOptions.defaults(), listener))
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

    assertThatThrownBy(() -> files.observations(file, ImportOptions.defaults(), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":3")
        .hasMessageContaining("not UTF-8");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"C0 AF", "E0 80 AF", "ED A0 80", "F4 90 80 80"})
  void overlongFormsSurrogatesAndCodePointsPastTheLastAreNamedAtTheirLine(String hex)
      throws Exception {
    Path file = directory.resolve("bad-" + hex.replace(' ', '-') + ".csv");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write(
        (HEADER + "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,,\n")
            .getBytes(StandardCharsets.UTF_8));
    bytes.write(
        ("2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,a").getBytes(StandardCharsets.UTF_8));
    for (String b : hex.split(" ")) {
      bytes.write(Integer.parseInt(b, 16));
    }
    bytes.write(".exe,\n".getBytes(StandardCharsets.UTF_8));
    Files.write(file, bytes.toByteArray());

    assertThatThrownBy(() -> files.observations(file, ImportOptions.defaults(), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessage(file + ":3: the file is not UTF-8 text; export or save it as UTF-8");
  }

  @Test
  void aRoleWithoutANameFailsTheAccessFileAtItsLine() throws Exception {
    Path unnamed =
        write(
            "unnamed.json",
            "{\"roles\": [{\"name\": \"Tier 1\"},\n {\"permissions\": [\"ViewData\"]}]}");

    assertThatThrownBy(() -> files.access(unnamed))
        .isInstanceOf(ImportFailedException.class)
        .hasMessage(unnamed + ":2: in roles: missing name");
  }

  @Test
  void anAccessFileNamingARoleTwiceFailsAndKeepsThePreviousConfiguration() throws Exception {
    Path twice =
        write(
            "twice.json",
            "{\"machineGroups\": [], \"roles\": [{\"name\": \"Tier 1\"}, {\"name\": \"Tier 1\"}]}");

    assertThatThrownBy(() -> files.access(twice))
        .isInstanceOf(ImportFailedException.class)
        .hasMessage(twice + ": the role 'Tier 1' is listed twice");
    assertThat(access.accessConfiguration().configured()).isFalse();
  }

  @Test
  void missingFileGivesAClearError() {
    Path file = directory.resolve("nowhere.csv");

    assertThatThrownBy(() -> files.observations(file, ImportOptions.defaults(), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no such file");
  }

  @Test
  void csvWithoutTheRequiredColumnsFails() throws Exception {
    Path file = write("observations.csv", "Timestamp,DeviceName,SHA1\nx,y,z\n");

    assertThatThrownBy(() -> files.observations(file, ImportOptions.defaults(), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(file.toString() + ":1")
        .hasMessageContaining("no DeviceId column");
  }

  @Test
  void reimportingTheSameFilesChangesNothing() throws Exception {
    Path machines = write("machines.jsonl", fullMachineJson(M1) + "\n{\"id\": \"" + M2 + "\"}\n");
    Path observations = write("observations.csv", threeSightings(SHA256));
    files.machines(machines, ImportOptions.defaults(), listener);
    // A store that holds observations already, so that every batch is moved as it commits.
    files.observations(
        write("earlier.csv", HEADER + "," + M2 + ",h," + OTHER_SHA1 + ",,,,\n"),
        ImportOptions.defaults(),
        listener);
    // Batches of one: the second sighting on M1 widens a committed row, which counts as updated.
    ImportSummary first = files.observations(observations, new ImportOptions(false, 1), listener);
    Object before = store.snapshot();

    ImportSummary machinesAgain = files.machines(machines, ImportOptions.defaults(), listener);
    ImportSummary again = files.observations(observations, new ImportOptions(false, 2), listener);

    assertThat(first).isEqualTo(new ImportSummary(3, 2, 1, 0));
    assertThat(machinesAgain).isEqualTo(new ImportSummary(2, 0, 2, 0));
    assertThat(again).isEqualTo(new ImportSummary(3, 0, 0, 0));
    assertThat(store.snapshot()).isEqualTo(before);
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

    files.observations(file, new ImportOptions(false, 2), listener);

    assertThat(store.sightings()).isEqualTo(1);
    assertThat(store.span(SHA1, MachineId.of(M1)))
        .contains(
            new InMemoryStore.Span(
                Instant.parse("2024-05-01T09:00:00.5Z"), Instant.parse("2024-05-09T10:00:00Z")));
  }

  @Test
  void observationOfAMachineNotImportedYetBecomesVisibleWithTheMachine() throws Exception {
    Path observations =
        write("observations.csv", HEADER + "2024-05-01T10:00:00Z," + M1 + ",h," + SHA1 + ",,,,\n");
    files.observations(observations, ImportOptions.defaults(), listener);

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

    ImportSummary summary = files.access(first);
    assertThatThrownBy(() -> files.access(broken))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(broken + ":2")
        .hasMessageContaining("id must be a number");

    assertThat(summary).isEqualTo(new ImportSummary(3, 3, 0, 0));
    var configuration = access.accessConfiguration();
    assertThat(configuration.configured()).isTrue();
    assertThat(configuration.machineGroups())
        .extracting(g -> g.group().name())
        .containsExactly("Finance", "Engineering");
    assertThat(configuration.roles().get(0).grantsViewDataTo(java.util.Set.of("g-1"))).isTrue();
  }

  @Test
  void reportsProgressAfterEachBatch() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 25; i++) {
      csv.append("2024-05-01T10:00:00Z,").append(M1).append(",h,").append(sha1(i)).append(",,,,\n");
    }

    files.observations(
        write("observations.csv", csv.toString()), new ImportOptions(false, 10), listener);

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

    files.observations(file, new ImportOptions(false, 5_000), listener);

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

    ImportSummary summary = files.machines(file, ImportOptions.defaults(), listener);

    assertThat(summary).as(rejected.toString()).isEqualTo(new ImportSummary(7, 3, 0, 4));
    assertThat(rejected).extracting(RejectedRecord::line).containsExactly(2L, 3L, 6L, 8L);
    assertThat(rejected.get(0).reason())
        .startsWith("not valid JSON: Unexpected character")
        .contains("comma");
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

    ImportSummary summary = files.observations(file, ImportOptions.defaults(), listener);

    assertThat(summary).isEqualTo(new ImportSummary(2, 1, 0, 1));
    assertThat(rejected).extracting(RejectedRecord::line).containsExactly(1L);
  }

  @Test
  void strictModeFailsOnAMalformedJsonLineWithNothingWritten() throws Exception {
    Path file = write("machines.jsonl", machineLine(M1) + "{\"id\": \n" + machineLine(M2));

    assertThatThrownBy(() -> files.machines(file, new ImportOptions(true, 1), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageStartingWith(file + ":2: ")
        .hasMessageContaining("nothing was written");
    assertThat(store.machine(MachineId.of(M1))).isEmpty();
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

    assertThatThrownBy(() -> files.machines(file, ImportOptions.defaults(), listener))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageStartingWith(file + ":3: not valid JSON");
    assertThat(rejected).isEmpty();
  }

  private void importMachines(String... ids) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (String id : ids) {
      lines.append("{\"id\": \"").append(id).append("\"}\n");
    }
    files.machines(
        write("m-" + ids.length + ".jsonl", lines.toString()), ImportOptions.defaults(), listener);
  }

  private void observe(String sha1, String machine, String at) throws Exception {
    files.observations(
        write("o.csv", HEADER + at + "," + machine + ",h," + sha1 + ",,,,\n"),
        ImportOptions.defaults(),
        listener);
  }

  private static String machineLine(String id) {
    return "{\"id\": \"" + id + "\"}\n";
  }

  private String machineDnsName(String id) {
    return store.machine(MachineId.of(id)).map(Machine::computerDnsName).orElseThrow();
  }

  private Optional<MachineSlice> find(String hash, GroupScope scope) {
    return store.findSeenWith(FileHash.parse(hash), scope, Page.first());
  }

  private static List<String> ids(MachineSlice slice) {
    return slice.machines().stream().map(m -> m.id().value()).toList();
  }

  private String fileName(String sha1) {
    return store.fileName(sha1).orElseThrow();
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
