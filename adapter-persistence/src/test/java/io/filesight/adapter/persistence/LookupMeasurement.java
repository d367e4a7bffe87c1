package io.filesight.adapter.persistence;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.HashAlgorithm;
import io.filesight.domain.Page;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Not a test: run by hand on a store that {@code benchmarks/run.sh} left behind ({@code java -cp
 * <test class path> io.filesight.adapter.persistence.LookupMeasurement
 * benchmarks/target/run/big/filesight.db}). Prints the page query's plan and the time per lookup
 * for files of very different prevalence, to show that the cost follows the machines returned, not
 * the size of the store.
 */
public final class LookupMeasurement {
  /** The Defender documentation's example file, which the demo generator puts on a few machines. */
  private static final String DEMO_SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

  /** The generator's Finance machine group. */
  private static final long FINANCE_GROUP_ID = 140;

  private LookupMeasurement() {}

  public static void main(String[] args) {
    try (SqliteDatabase database = SqliteDatabase.open(Path.of(args[0]), false)) {
      JdbiMachineRepository repository = new JdbiMachineRepository(database);
      Map<String, String> files = new LinkedHashMap<>();
      files.put("documentation example", DEMO_SHA1);
      files.put("most prevalent", prevalent(database, "DESC"));
      files.put("seen on one machine", prevalent(database, "ASC"));
      files.put("never seen", "0000000000000000000000000000000000000000");
      long observations =
          database
              .reads()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM observation").mapTo(Long.class).one());
      System.out.printf("store: %,d (file, machine) rows%n", observations);
      System.out.println("plan: " + plan(database));
      for (Map.Entry<String, String> file : files.entrySet()) {
        for (Page page : List.of(new Page(0, 100), new Page(0, 10_000))) {
          for (GroupScope scope :
              List.of(GroupScope.all(), GroupScope.only(Set.of(FINANCE_GROUP_ID)))) {
            measure(repository, file.getKey(), FileHash.parse(file.getValue()), page, scope);
          }
        }
      }
    }
  }

  private static void measure(
      JdbiMachineRepository repository, String label, FileHash file, Page page, GroupScope scope) {
    int rounds = 0;
    Optional<MachineSlice> slice = Optional.empty();
    long start = System.nanoTime();
    long deadline = start + 2_000_000_000L;
    while (System.nanoTime() < deadline || rounds < 3) {
      slice = repository.findSeenWith(file, scope, page);
      rounds++;
    }
    double micros = (System.nanoTime() - start) / 1e3 / rounds;
    System.out.printf(
        "  %-22s top=%-5d %-6s -> %5d machines%s: %,10.0f us/lookup (%d rounds)%n",
        label,
        page.top(),
        scope instanceof GroupScope.All ? "all" : "group",
        slice.map(s -> s.machines().size()).orElse(0),
        slice.isPresent() ? "" : " (404)",
        micros,
        rounds);
  }

  private static String prevalent(SqliteDatabase database, String order) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT sha1 FROM observation GROUP BY sha1 ORDER BY COUNT(*) "
                            + order
                            + ", sha1 LIMIT 1")
                    .mapTo(String.class)
                    .one());
  }

  private static String plan(SqliteDatabase database) {
    String sql = JdbiMachineRepository.pageSql(HashAlgorithm.SHA1, 1, true);
    return database
        .reads()
        .withHandle(
            h ->
                String.join(
                    " | ",
                    h.createQuery("EXPLAIN QUERY PLAN " + sql)
                        .bind(0, "x")
                        .bind(1, 140L)
                        .bind(2, 101)
                        .bind(3, 0L)
                        .map((row, ctx) -> row.getString("detail"))
                        .list()));
  }
}
