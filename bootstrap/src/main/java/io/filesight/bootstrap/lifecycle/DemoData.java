package io.filesight.bootstrap.lifecycle;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.imports.generate.DemoDataGenerator;
import io.filesight.adapter.imports.generate.GeneratedFiles;
import io.filesight.adapter.imports.generate.GeneratorSettings;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's data for the command line: realistic Defender export files written by the demo
 * generator, and a demo directory made of them (a development key, the files, and a database they
 * were imported into through the import use cases).
 */
public final class DemoData {
  /** A user group that sees the Finance and Engineering machine groups and has ViewData. */
  public static final String ANALYSTS_USER_GROUP = DemoDataGenerator.ANALYSTS_USER_GROUP;

  /** The demo directory's database file. */
  public static final String DATABASE = "filesight.db";

  private static final String READY_MARKER = ".demo-ready";

  private DemoData() {}

  /**
   * Writes {@code machines.jsonl}, {@code observations.csv} and {@code access.json} into {@code
   * out} (created when missing); the same settings always write the same files.
   *
   * @return the three files, in that order
   */
  public static List<Path> generate(
      int machines, int files, long observations, long seed, Path out) {
    GeneratedFiles generated =
        new DemoDataGenerator()
            .generate(new GeneratorSettings(machines, files, observations, seed), out);
    return List.of(generated.machines(), generated.observations(), generated.access());
  }

  /** Creates the demo directory's key and data once; a half-made directory is made again. */
  public static void prepare(Path dir, PrintWriter out) {
    if (Files.exists(dir.resolve(READY_MARKER))) {
      out.println("Reusing the demo in " + dir.toAbsolutePath());
      return;
    }
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(DATABASE));
      Files.deleteIfExists(dir.resolve(DATABASE + "-wal"));
      Files.deleteIfExists(dir.resolve(DATABASE + "-shm"));
      out.println("Creating the demo in " + dir.toAbsolutePath() + " ...");
      DevelopmentKeys.generate(dir.resolve("keys"));
      GeneratedFiles files =
          new DemoDataGenerator().generate(GeneratorSettings.demo(), dir.resolve("data"));
      try (FilesightStore store = FilesightStore.open(dir.resolve(DATABASE))) {
        store.replaceAccess(files.access());
        store.importMachines(files.machines(), ImportOptions.defaults(), ImportListener.silent());
        store.importObservations(
            files.observations(), ImportOptions.defaults(), ImportListener.silent());
      }
      Files.writeString(dir.resolve(READY_MARKER), "ok\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo in " + dir + ": " + e.getMessage(), e);
    }
  }
}
