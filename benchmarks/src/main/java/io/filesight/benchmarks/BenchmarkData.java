package io.filesight.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.bootstrap.lifecycle.DemoData;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares one store for the benchmarks: generates data with the demo generator, adds the probe and
 * hot files, imports everything as {@code filesight import} does (timing the observations import,
 * benchmark 6, and the machines import against jackson-core parsing the same file alone) and lists
 * the files the load generators ask for.
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
    List<Path> files =
        DemoData.generate(machines, args.integer("files"), args.number("observations"), SEED, data);
    Path machinesFile = files.get(0);
    Path observationsFile = files.get(1);
    System.out.printf(
        "[%s] generated %,d observations (%,d MB CSV) in %.1f s%n",
        label, args.number("observations"), Files.size(observationsFile) >> 20, seconds(start));
    Path probeCsv = data.resolve("probes.csv");
    List<String> probes =
        new ProbeFiles(SEED, machines)
            .write(probeCsv, args.integer("probes"), Boolean.parseBoolean(args.text("hot")));

    ImportOptions options = ImportOptions.defaults();
    ImportListener silent = ImportListener.silent();
    try (FilesightStore store = FilesightStore.open(db)) {
      start = System.nanoTime();
      ImportSummary machinesRead = store.importMachines(machinesFile, options, silent);
      double machineSeconds = seconds(start);
      requireNoRejection(machinesRead);
      start = System.nanoTime();
      long tokens = parseOnly(machinesFile);
      double parseSeconds = seconds(start);
      results.put("import." + label + ".machines.records", machinesRead.read());
      results.put("import." + label + ".machines.rate", machinesRead.read() / machineSeconds);
      results.put("import." + label + ".machines.parse_rate", machinesRead.read() / parseSeconds);
      System.out.printf(
          "[%s] machines: %,d in %.1f s; jackson-core alone parsed the file (%,d tokens) in %.1f s%n",
          label, machinesRead.read(), machineSeconds, tokens, parseSeconds);
      store.replaceAccess(files.get(2));
      start = System.nanoTime();
      ImportSummary observations = store.importObservations(observationsFile, options, silent);
      double importSeconds = seconds(start);
      requireNoRejection(observations);
      results.put("import." + label + ".records", observations.read());
      results.put("import." + label + ".seconds", importSeconds);
      results.put("import." + label + ".rate", observations.read() / importSeconds);
      requireNoRejection(store.importObservations(probeCsv, options, silent));
    }

    try (SqliteDatabase database = SqliteDatabase.open(db, false)) {
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

  /** Reads every token of a JSON Lines file with jackson-core, keeping nothing: the parse floor. */
  private static long parseOnly(Path file) throws IOException {
    JsonFactory json = new JsonFactory();
    long tokens = 0;
    try (BufferedReader text = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = json.createParser(text)) {
      while (parser.nextToken() != null) {
        if (parser.currentToken().isScalarValue()) {
          parser.getText();
        }
        tokens++;
      }
    }
    return tokens;
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
