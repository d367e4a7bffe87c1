package io.filesight.benchmarks;

import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.InMemoryQuotaLedger;
import io.filesight.adapter.persistence.JdbiAccessDirectory;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.port.in.FindRelatedMachines;
import io.filesight.application.port.in.RelatedMachines;
import io.filesight.application.service.FindRelatedMachinesService;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.Page;
import io.filesight.domain.Permission;
import io.filesight.domain.RateLimit;
import io.filesight.domain.RateQuota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Benchmarks 1 and 2: {@code FindRelatedMachines} for a file seen on 10 machines, wired with the
 * production adapters of SQLite or, with {@code postgres}, PostgreSQL, against the bare JDBC query
 * (the same SQL, a reused prepared statement, every column read) on the same file and engine;
 * {@code store} names a store directory made by {@link BenchmarkData}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LookupBenchmark {
  /** The repository's page query for a SHA-1 and every group, as a bare statement. */
  static final String PAGE_SQL =
      "SELECT m.* FROM observation o JOIN machine m ON m.id = o.machine_id WHERE o.sha1 = ?"
          + " ORDER BY o.machine_id LIMIT ? OFFSET ?";

  /**
   * Callers the use case rotates over. The quota check runs for real, with limits wide enough (100
   * calls per second per caller, so up to 409 600 calls/s in all, four times what one thread has
   * reached) that none is refused.
   */
  private static final int CALLERS = 4096;

  @Param({"target/stores/10M"})
  public String store;

  /** A jdbc:postgresql: URL the store was copied into, or empty for the store's SQLite file. */
  @Param({""})
  public String postgres;

  private Database database;
  private FindRelatedMachines find;
  private Caller[] callers;
  private String[] probes;
  private Connection bare;
  private PreparedStatement bareQuery;
  private int next;

  @Setup(Level.Trial)
  public void open() throws Exception {
    Path dir = Path.of(store);
    probes = Files.readAllLines(dir.resolve("probes.txt")).toArray(String[]::new);
    if (postgres.isEmpty()) {
      database = SqliteDatabase.open(dir.resolve("filesight.db"), false);
    } else {
      PostgresDatabase shared = PostgresDatabase.create(Postgres.settings(postgres));
      shared.migrate();
      database = shared;
    }
    find =
        new FindRelatedMachinesService(
            new JdbiMachineRepository(database),
            new JdbiAccessDirectory(database),
            new InMemoryQuotaLedger(),
            new RateQuota(List.of(new RateLimit(100, Duration.ofSeconds(1)))),
            Clock.systemUTC());
    callers = new Caller[CALLERS];
    for (int i = 0; i < CALLERS; i++) {
      callers[i] =
          new ApplicationCaller(
              "bench-tenant", "bench-app-" + i, Set.of(Permission.MACHINE_READ_ALL));
    }
    if (postgres.isEmpty()) {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      SQLiteDataSource source = new SQLiteDataSource(config);
      source.setUrl("jdbc:sqlite:" + dir.resolve("filesight.db").toAbsolutePath());
      bare = source.getConnection();
    } else {
      PostgresSettings settings = Postgres.settings(postgres);
      bare = DriverManager.getConnection(postgres, settings.user(), settings.password());
    }
    bareQuery = bare.prepareStatement(PAGE_SQL);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    bareQuery.close();
    bare.close();
    database.close();
  }

  @Benchmark
  public RelatedMachines useCase() {
    int i = next++;
    RelatedMachines answer =
        find.find(callers[i & (CALLERS - 1)], probes[i % probes.length], Page.first());
    if (((RelatedMachines.Found) answer).machines().size() != ProbeFiles.MACHINES_PER_PROBE) {
      throw new IllegalStateException("a probe file must be seen on 10 machines");
    }
    return answer;
  }

  @Benchmark
  public int bareQuery(Blackhole hole) throws SQLException {
    int i = next++;
    bareQuery.setString(1, probes[i % probes.length]);
    bareQuery.setInt(2, Page.MAX_TOP + 1);
    bareQuery.setLong(3, 0);
    int rows = 0;
    try (ResultSet row = bareQuery.executeQuery()) {
      int columns = row.getMetaData().getColumnCount();
      while (row.next()) {
        for (int c = 1; c <= columns; c++) {
          hole.consume(row.getObject(c));
        }
        rows++;
      }
    }
    if (rows != ProbeFiles.MACHINES_PER_PROBE) {
      throw new IllegalStateException("a probe file must be seen on 10 machines");
    }
    return rows;
  }
}
