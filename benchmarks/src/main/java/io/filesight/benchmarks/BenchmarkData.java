package io.filesight.benchmarks;

import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.adapter.persistence.generate.DemoDataGenerator;
import io.filesight.adapter.persistence.generate.GeneratedFiles;
import io.filesight.adapter.persistence.generate.GeneratorSettings;
import io.filesight.adapter.persistence.imports.ImportListener;
import io.filesight.adapter.persistence.imports.ImportOptions;
import io.filesight.adapter.persistence.imports.ImportSummary;
import io.filesight.adapter.persistence.imports.Importer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares one store for the benchmarks: generates data with the demo generator, adds the probe and
 * hot files, imports everything (timing the observations import, benchmark 6) and lists the files
 * the load generators ask for.
 *
 * <p>{@code --dir D --label L --machines N --files F --observations O --probes P --hot true|false
 * --results FILE}. Writes {@code D/filesight.db}, {@code D/data/*}, {@code D/probes.txt} (one SHA-1
 * a line), {@code D/files.txt} (up to 1000 stored files, a uniform sample: the first ones in hash
 * order) and {@code D/hot.txt}.
 */
public final class BenchmarkData {
  static final long SEED = 42;
  private static final int SAMPLE = 1000;

  private BenchmarkData() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path dir = args.path("dir");
    String label = args.text("label");
    int machines = args.integer("machines");
    Results results = new Results(args.path("results"));
    Path data = dir.resolve("data");
    Path db = dir.resolve("filesight.db");
    Files.createDirectories(data);
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }

    long start = System.nanoTime();
    GeneratedFiles files =
        new DemoDataGenerator()
            .generate(
                new GeneratorSettings(
                    machines, args.integer("files"), args.number("observations"), SEED),
                data);
    System.out.printf(
        "[%s] generated %,d observations (%,d MB CSV) in %.1f s%n",
        label, args.number("observations"), Files.size(files.observations()) >> 20, seconds(start));
    Path probeCsv = data.resolve("probes.csv");
    List<String> probes =
        new ProbeFiles(SEED, machines)
            .write(probeCsv, args.integer("probes"), Boolean.parseBoolean(args.text("hot")));

    try (SqliteDatabase database = SqliteDatabase.open(db, true)) {
      Importer importer = new Importer(database, ImportListener.silent());
      ImportOptions options = ImportOptions.defaults();
      importer.machines(files.machines(), options);
      importer.access(files.access(), options);
      start = System.nanoTime();
      ImportSummary observations = importer.observations(files.observations(), options);
      double importSeconds = seconds(start);
      requireNoRejection(observations);
      results.put("import." + label + ".records", observations.read());
      results.put("import." + label + ".seconds", importSeconds);
      results.put("import." + label + ".rate", observations.read() / importSeconds);
      requireNoRejection(importer.observations(probeCsv, options));

      List<String> sample =
          database
              .reads()
              .withHandle(
                  h ->
                      h.createQuery("SELECT sha1 FROM seen_file ORDER BY sha1 LIMIT " + SAMPLE)
                          .mapTo(String.class)
                          .list());
      int seen =
          database
              .reads()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) FROM observation WHERE sha1 = ?")
                          .bind(0, probes.get(0))
                          .mapTo(Integer.class)
                          .one());
      if (seen != ProbeFiles.MACHINES_PER_PROBE) {
        throw new IllegalStateException("probe file seen on " + seen + " machines");
      }
      Files.write(dir.resolve("files.txt"), sample, StandardCharsets.UTF_8);
    }
    Files.write(dir.resolve("probes.txt"), probes, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("hot.txt"), ProbeFiles.hotSha1() + "\n", StandardCharsets.UTF_8);
    System.out.printf("[%s] store ready: %s (%,d MB)%n", label, db, Files.size(db) >> 20);
  }

  private static void requireNoRejection(ImportSummary summary) {
    if (summary.rejected() > 0) {
      throw new IllegalStateException("the import rejected records: " + summary);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
