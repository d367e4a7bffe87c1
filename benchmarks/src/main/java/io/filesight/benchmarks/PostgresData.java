package io.filesight.benchmarks;

import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Imports a store's data files, made by {@link BenchmarkData}, into an empty PostgreSQL database as
 * {@code filesight import --db jdbc:postgresql:...} does, timing the machines and the observations
 * (the PostgreSQL column of benchmark 6).
 *
 * <p>{@code --dir D --db URL --label L --results FILE}.
 */
public final class PostgresData {
  private PostgresData() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path dir = args.path("dir");
    Path data = dir.resolve("data");
    String url = args.text("db");
    String label = args.text("label");
    Results results = new Results(args.path("results"));
    ImportOptions options = ImportOptions.defaults();
    ImportListener silent = ImportListener.silent();
    DatabaseLocation database = new DatabaseLocation.Postgres(Postgres.settings(url));
    try (FilesightStore store = FilesightStore.open(database, Duration.ofSeconds(30))) {
      long start = System.nanoTime();
      ImportSummary machines =
          store.importMachines(data.resolve("machines.jsonl"), options, silent);
      double machineSeconds = seconds(start);
      store.replaceAccess(data.resolve("access.json"));
      start = System.nanoTime();
      ImportSummary observations =
          store.importObservations(data.resolve("observations.csv"), options, silent);
      double importSeconds = seconds(start);
      store.importObservations(data.resolve("probes.csv"), options, silent);
      if (machines.rejected() + observations.rejected() > 0) {
        throw new IllegalStateException("the import rejected records");
      }
      results.put("import." + label + ".machines.rate", machines.read() / machineSeconds);
      results.put("import." + label + ".records", observations.read());
      results.put("import." + label + ".seconds", importSeconds);
      results.put("import." + label + ".rate", observations.read() / importSeconds);
      System.out.printf(
          "[%s] machines: %,d in %.1f s; observations: %,d in %.1f s (%,.0f records/s)%n",
          label,
          machines.read(),
          machineSeconds,
          observations.read(),
          importSeconds,
          observations.read() / importSeconds);
    }
    List<String> probes = Files.readAllLines(dir.resolve("probes.txt"));
    var settings = Postgres.settings(url);
    try (Connection connection =
            DriverManager.getConnection(url, settings.user(), settings.password());
        Statement vacuum = connection.createStatement();
        PreparedStatement seen =
            connection.prepareStatement("SELECT COUNT(*) FROM observation WHERE sha1 = ?")) {
      // As an operator would after a first load: statistics and the visibility map for the
      // index-only lookup.
      vacuum.execute("VACUUM ANALYZE");
      seen.setString(1, probes.get(0));
      try (ResultSet row = seen.executeQuery()) {
        row.next();
        if (row.getInt(1) != ProbeFiles.MACHINES_PER_PROBE) {
          throw new IllegalStateException("probe file seen on " + row.getInt(1) + " machines");
        }
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
