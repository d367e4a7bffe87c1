package io.filesight.adapter.imports.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes realistic import files for demos and benchmarks: machines in four machine groups and
 * ungrouped, on several platforms, with tags and IP addresses; observations with a long tail of
 * file prevalence and a few files on most machines; and an access file. The same settings always
 * give the same files, and memory does not grow with the number of observations.
 */
public final class DemoDataGenerator {
  /** The SHA-1 of the Defender documentation's example, seen on a handful of demo machines. */
  public static final String DEMO_SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

  /** A user group that sees the Finance and Engineering machine groups and has ViewData. */
  public static final String ANALYSTS_USER_GROUP = "11111111-1111-1111-1111-111111111111";

  /** A user group that sees the Servers machine group and has ViewData. */
  public static final String SERVER_ADMINS_USER_GROUP = "22222222-2222-2222-2222-222222222222";

  /** A user group with a role but without ViewData: a delegated token of it is refused (403). */
  public static final String AUDITORS_USER_GROUP = "33333333-3333-3333-3333-333333333333";

  public static final long FINANCE_GROUP_ID = 140;
  public static final long ENGINEERING_GROUP_ID = 141;
  public static final long SERVERS_GROUP_ID = 142;

  /** Kiosks has no user group assigned, so every user with ViewData sees it. */
  public static final long KIOSKS_GROUP_ID = 143;

  /** Machine groups by machine index modulo 5; 0 is ungrouped. */
  private static final long[] GROUPS = {
    FINANCE_GROUP_ID, ENGINEERING_GROUP_ID, SERVERS_GROUP_ID, KIOSKS_GROUP_ID, 0
  };

  private static final String[] GROUP_NAMES = {"Finance", "Engineering", "Servers", "Kiosks", null};
  private static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
  private static final int COMMON_FILES = 3;

  /** Writes the three files into {@code outDir} (created when missing). */
  public GeneratedFiles generate(GeneratorSettings settings, Path outDir) {
    try {
      Files.createDirectories(outDir);
      GeneratedFiles files =
          new GeneratedFiles(
              outDir.resolve("machines.jsonl"),
              outDir.resolve("observations.csv"),
              outDir.resolve("access.json"));
      Digests digests = new Digests();
      List<String> machineIds = new ArrayList<>(settings.machines());
      for (int i = 0; i < settings.machines(); i++) {
        machineIds.add(digests.sha1("machine:" + settings.seed() + ":" + i));
      }
      writeMachines(settings, machineIds, files.machines());
      writeObservations(settings, machineIds, digests, files.observations());
      writeAccess(files.access());
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write demo data to " + outDir, e);
    }
  }

  private static void writeMachines(GeneratorSettings settings, List<String> ids, Path file)
      throws IOException {
    try (Writer out = writer(file)) {
      for (int i = 0; i < ids.size(); i++) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 31 + i);
        out.write(
            JsonText.of(
                MachineEntities.entity(
                    i, ids.get(i), GROUPS[i % 5], GROUP_NAMES[i % 5], random, NOW)));
        out.write('\n');
      }
    }
  }

  private static void writeObservations(
      GeneratorSettings settings, List<String> machineIds, Digests digests, Path file)
      throws IOException {
    SplittableRandom random = new SplittableRandom(settings.seed());
    ObservationRows rows = new ObservationRows(settings, machineIds, digests, NOW);
    try (Writer out = writer(file)) {
      out.write(ObservationRows.HEADER);
      long left = settings.observations();
      // The documentation's example file, on up to five machines spread over every group.
      for (int k = 0; k < 5 && k < machineIds.size() && left > 0; k++, left--) {
        int machine = (k * 6) % machineIds.size();
        out.write(rows.demoRow(machine, random));
      }
      // A few files (an agent, a runtime, a browser) on most machines.
      int common = Math.min(COMMON_FILES, settings.files());
      for (int machine = 0; machine < machineIds.size() && left > 0; machine++) {
        for (int f = 0; f < common && left > 0; f++) {
          if (random.nextDouble() < 0.9) {
            out.write(rows.row(f, machine, random));
            left--;
          }
        }
      }
      // The long tail: file popularity falls off as a power law.
      for (; left > 0; left--) {
        int fileIndex =
            (int)
                Math.min(
                    settings.files() - 1L,
                    (long) (settings.files() * Math.pow(random.nextDouble(), 3)));
        out.write(rows.row(fileIndex, random.nextInt(machineIds.size()), random));
      }
    }
  }

  private static void writeAccess(Path file) throws IOException {
    Map<String, Object> access = new LinkedHashMap<>();
    access.put(
        "machineGroups",
        List.of(
            group(FINANCE_GROUP_ID, "Finance", 1, List.of(ANALYSTS_USER_GROUP)),
            group(ENGINEERING_GROUP_ID, "Engineering", 2, List.of(ANALYSTS_USER_GROUP)),
            group(SERVERS_GROUP_ID, "Servers", 3, List.of(SERVER_ADMINS_USER_GROUP)),
            group(KIOSKS_GROUP_ID, "Kiosks", 4, List.of())));
    access.put(
        "roles",
        List.of(
            role(
                "Tier 1 analysts",
                List.of("ViewData", "AlertsInvestigation"),
                List.of(ANALYSTS_USER_GROUP, SERVER_ADMINS_USER_GROUP)),
            role("Auditors", List.of("ViewReports"), List.of(AUDITORS_USER_GROUP))));
    Files.writeString(file, JsonText.of(access) + "\n", StandardCharsets.UTF_8);
  }

  private static Map<String, Object> group(long id, String name, int rank, List<String> users) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("id", id);
    group.put("name", name);
    group.put("rank", rank);
    group.put("assignedUserGroups", users);
    return group;
  }

  private static Map<String, Object> role(
      String name, List<String> permissions, List<String> users) {
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("name", name);
    role.put("permissions", permissions);
    role.put("assignedUserGroups", users);
    return role;
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }
}
