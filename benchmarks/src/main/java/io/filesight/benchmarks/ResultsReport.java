package io.filesight.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's figures into the table: each figure, its baseline measured in the same run, the
 * ratio, the target and whether it is met. Prints it and writes it, with the machine, into the
 * generated section of {@code BENCHMARKS.md} (between the {@code results} markers; the text around
 * them is kept).
 *
 * <p>{@code --results FILE --jmh CSV --machine FILE --mode full|quick --stores S,M,L --out MD}
 */
public final class ResultsReport {
  static final String START = "<!-- results:start (written by benchmarks/run.sh) -->";
  static final String END = "<!-- results:end -->";
  static final String POSTGRES_START =
      "<!-- postgres:start (written by benchmarks/run.sh --postgres) -->";
  static final String POSTGRES_END = "<!-- postgres:end -->";

  private final Map<String, Double> figures = new HashMap<>();
  private final List<String> rows = new ArrayList<>();
  private final List<String> missed = new ArrayList<>();

  private ResultsReport() {}

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    ResultsReport report = new ResultsReport();
    report.read(args.path("results"), args.path("jmh"));
    String[] stores = args.text("stores").split(",");
    boolean postgres = args.text("postgres", "false").equals("true");
    String table =
        postgres
            ? report.postgresTable(stores[stores.length - 1])
            : report.table(stores[0], stores[1], stores[2]);
    String mode = args.text("mode");
    String startMarker = postgres ? POSTGRES_START : START;
    String endMarker = postgres ? POSTGRES_END : END;
    StringBuilder section = new StringBuilder(startMarker).append('\n');
    section
        .append(postgres ? "### Latest PostgreSQL run: " : "### Latest run: ")
        .append(mode.equals("quick") ? "QUICK (smaller stores, shorter runs)" : "full")
        .append(", ")
        .append(args.text("date"))
        .append("\n\n")
        .append(table)
        .append('\n');
    section.append(
        report.missed.isEmpty()
            ? "Every target met in this run.\n"
            : "Targets missed in this run: " + String.join("; ", report.missed) + ".\n");
    section
        .append("\nMachine:\n\n```\n")
        .append(Files.readString(args.path("machine"), StandardCharsets.UTF_8).strip())
        .append("\n```\n")
        .append(endMarker);
    System.out.println();
    System.out.println(table);
    System.out.println(
        report.missed.isEmpty()
            ? "every target met"
            : "missed: " + String.join("; ", report.missed));
    Path out = args.path("out");
    String existing = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    int start = existing.indexOf(startMarker);
    int end = existing.indexOf(endMarker);
    String updated =
        start >= 0 && end > start
            ? existing.substring(0, start) + section + existing.substring(end + endMarker.length())
            : (existing.isEmpty() ? "# filesight benchmarks\n\n" : existing + "\n")
                + section
                + "\n";
    Files.writeString(out, updated, StandardCharsets.UTF_8);
  }

  private void read(Path results, Path jmh) throws IOException {
    for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        try {
          figures.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1)));
        } catch (NumberFormatException notANumber) {
          // Text entries (notes) are not figures.
        }
      }
    }
    if (Files.exists(jmh)) {
      readJmh(Files.readAllLines(jmh, StandardCharsets.UTF_8));
    }
  }

  /**
   * JMH's CSV, possibly several files' worth (each with its header): mean and error per benchmark
   * and parameters, as {@code jmh.<method>.<store>} for the SQLite lookups, {@code
   * jmh.pg.<method>.<store>} for the PostgreSQL ones and {@code jmh.ledger.memory|postgres}.
   */
  private void readJmh(List<String> lines) {
    List<String> header = List.of();
    for (String line : lines) {
      List<String> cells = List.of(line.replace("\"", "").split(",", -1));
      if (cells.get(0).equals("Benchmark")) {
        header = cells;
        continue;
      }
      if (header.isEmpty() || cells.size() < header.size()) {
        continue;
      }
      String benchmark = cells.get(0);
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String key;
      if (benchmark.contains("QuotaLedgerBenchmark.")) {
        String ledger = cells.get(header.indexOf("Param: ledger"));
        key = "jmh.ledger." + (ledger.equals("memory") ? "memory" : "postgres");
      } else if (benchmark.contains("LookupBenchmark.")) {
        String store = Path.of(cells.get(header.indexOf("Param: store"))).getFileName().toString();
        int postgres = header.indexOf("Param: postgres");
        boolean onPostgres = postgres >= 0 && !cells.get(postgres).isEmpty();
        key = "jmh." + (onPostgres ? "pg." : "") + method + "." + store;
      } else {
        continue;
      }
      figures.put(key + ".us", Double.parseDouble(cells.get(header.indexOf("Score"))));
      figures.put(
          key + ".error_us", Double.parseDouble(cells.get(header.indexOf("Score Error (99.9%)"))));
    }
  }

  private String table(String small, String mid, String large) {
    rows.add(
        "| # | figure | value | baseline (same run) | baseline value | ratio | target | met? |");
    rows.add("|---|---|---|---|---|---|---|---|");
    double useCase = get("jmh.useCase." + large + ".us");
    row(
        "1",
        "use case, file on 10 machines, " + large + " store (JMH avg)",
        us(useCase, "jmh.useCase." + large),
        "bare JDBC query, reused statement, same file",
        us(get("jmh.bareQuery." + large + ".us"), "jmh.bareQuery." + large),
        useCase / get("jmh.bareQuery." + large + ".us"),
        "<= 2x",
        useCase / get("jmh.bareQuery." + large + ".us") <= 2);
    double smallCase = get("jmh.useCase." + small + ".us");
    row(
        "2",
        "use case at " + large + " observations",
        us(useCase, "jmh.useCase." + large),
        "use case at " + small,
        us(smallCase, "jmh.useCase." + small),
        useCase / smallCase,
        "<= 1.5x",
        useCase / smallCase <= 1.5);
    double bareLarge = get("jmh.bareQuery." + large + ".us");
    double bareSmall = get("jmh.bareQuery." + small + ".us");
    row(
        "2",
        "bare JDBC query at " + large + " observations (how SQLite itself grows)",
        us(bareLarge, "jmh.bareQuery." + large),
        "bare JDBC query at " + small,
        us(bareSmall, "jmh.bareQuery." + small),
        bareLarge / bareSmall,
        "(information)",
        null);
    double midCase = get("jmh.useCase." + mid + ".us");
    row(
        "2",
        "use case at " + mid + " observations",
        us(midCase, "jmh.useCase." + mid),
        "use case at " + small,
        us(smallCase, "jmh.useCase." + small),
        midCase / smallCase,
        "(information)",
        null);
    double rps = get("wrk.filesight.rps");
    double errors = get("wrk.filesight.errors") + get("wrk.filesight.non2xx");
    row(
        "3",
        "HTTP throughput, wrk 64 connections, random stored files",
        String.format(Locale.ROOT, "%,.0f req/s, %,.0f errors", rps, errors),
        "bare Javalin route, same process, same bytes",
        String.format(
            Locale.ROOT,
            "%,.0f req/s, %,.0f errors",
            get("wrk.bare.rps"),
            get("wrk.bare.errors") + get("wrk.bare.non2xx")),
        rps / get("wrk.bare.rps"),
        ">= 0.5, 0 errors",
        rps / get("wrk.bare.rps") >= 0.5 && errors == 0);
    latency("p99", "open model", 20.0);
    latency("p999", "open model", 100.0);
    double ttfb = get("hot.filesight.ttfb_median_ms");
    row(
        "5",
        String.format(
            Locale.ROOT,
            "hot file (%,.0f machines stored), $top=10000, 16 at once: time to first byte, median"
                + " (max)",
            get("hot.machines")),
        String.format(Locale.ROOT, "%.1f ms (%.1f ms)", ttfb, get("hot.filesight.ttfb_max_ms")),
        "bare route, same bytes",
        String.format(
            Locale.ROOT,
            "%.1f ms (%.1f ms)",
            get("hot.bare.ttfb_median_ms"),
            get("hot.bare.ttfb_max_ms")),
        ttfb / get("hot.bare.ttfb_median_ms"),
        "streams (reported)",
        null);
    row(
        "5",
        "hot file: whole answer, median (max)",
        String.format(
            Locale.ROOT,
            "%.0f ms (%.0f ms), %,.1f MB each, %,.0f errors",
            get("hot.filesight.total_median_ms"),
            get("hot.filesight.total_max_ms"),
            get("hot.filesight.bytes") / 1048576,
            get("hot.filesight.errors")),
        "bare route, same bytes",
        String.format(
            Locale.ROOT,
            "%.0f ms (%.0f ms)",
            get("hot.bare.total_median_ms"),
            get("hot.bare.total_max_ms")),
        get("hot.filesight.total_median_ms") / get("hot.bare.total_median_ms"),
        "(information)",
        null);
    double heap = get("hot.filesight.heap_peak_mb");
    row(
        "5",
        "server heap while the 16 run: peak in use (sampled every 5 ms)",
        String.format(Locale.ROOT, "%.0f MB", heap),
        "the heap limit (-Xmx)",
        String.format(Locale.ROOT, "%.0f MB", get("hot.filesight.heap_max_mb")),
        heap / get("hot.filesight.heap_max_mb"),
        "< 256 MB",
        heap < 256 && get("hot.filesight.errors") == 0);
    double rate = get("import." + large + ".rate");
    row(
        "6",
        String.format(
            Locale.ROOT, "import of %,.0f observations (CSV)", get("import." + large + ".records")),
        String.format(Locale.ROOT, "%,.0f records/s", rate),
        "sqlite3 shell .import of the same CSV into a bare table",
        String.format(Locale.ROOT, "%,.0f records/s", get("import.sqlite3.rate")),
        rate / get("import.sqlite3.rate"),
        ">= 0.5",
        rate / get("import.sqlite3.rate") >= 0.5);
    double machines = get("import." + large + ".machines.rate");
    row(
        "6",
        String.format(
            Locale.ROOT,
            "import of %,.0f machines (JSON Lines)",
            get("import." + large + ".machines.records")),
        String.format(Locale.ROOT, "%,.0f records/s", machines),
        "jackson-core alone reading every token of the same file",
        String.format(
            Locale.ROOT, "%,.0f records/s", get("import." + large + ".machines.parse_rate")),
        machines / get("import." + large + ".machines.parse_rate"),
        "(reported)",
        null);
    row(
        "7",
        "resident memory after a throughput run (filesight serve)",
        String.format(Locale.ROOT, "%.0f MB", get("rss.filesight_mb")),
        "bare route alone in its JVM, same run",
        String.format(Locale.ROOT, "%.0f MB", get("rss.bare_mb")),
        get("rss.filesight_mb") / get("rss.bare_mb"),
        "(reported)",
        null);
    row(
        "7",
        "start-up to first successful request (filesight serve)",
        String.format(Locale.ROOT, "%,.0f ms", get("startup.filesight.ms")),
        "bare route alone in its JVM",
        String.format(Locale.ROOT, "%,.0f ms", get("startup.bare.ms")),
        get("startup.filesight.ms") / get("startup.bare.ms"),
        "(reported)",
        null);
    return String.join("\n", rows) + "\n";
  }

  /**
   * The PostgreSQL column: the same benchmarks on the store copied into a local PostgreSQL, with
   * the shared quota ledger in the HTTP path, each against its baseline on PostgreSQL.
   */
  private String postgresTable(String large) {
    rows.add(
        "| # | figure | value | baseline (same run) | baseline value | ratio | target | met? |");
    rows.add("|---|---|---|---|---|---|---|---|");
    double useCase = get("jmh.pg.useCase." + large + ".us");
    double bare = get("jmh.pg.bareQuery." + large + ".us");
    row(
        "1",
        "use case on PostgreSQL, file on 10 machines, " + large + " store (JMH avg)",
        us(useCase, "jmh.pg.useCase." + large),
        "bare JDBC query on PostgreSQL, reused statement, same file",
        us(bare, "jmh.pg.bareQuery." + large),
        useCase / bare,
        "<= 2x",
        useCase / bare <= 2);
    double rps = get("wrk.filesight.rps");
    double errors = get("wrk.filesight.errors") + get("wrk.filesight.non2xx");
    row(
        "3",
        "HTTP throughput on PostgreSQL with the shared quota ledger, wrk 64 connections",
        String.format(Locale.ROOT, "%,.0f req/s, %,.0f errors", rps, errors),
        "bare Javalin route, same process, same bytes",
        String.format(
            Locale.ROOT,
            "%,.0f req/s, %,.0f errors",
            get("wrk.bare.rps"),
            get("wrk.bare.errors") + get("wrk.bare.non2xx")),
        rps / get("wrk.bare.rps"),
        "(reported), 0 errors",
        errors == 0 ? null : false);
    for (String percentile : List.of("p99", "p999")) {
      latency(percentile, "shared quota ledger in the path", null);
    }
    double rate = get("import.pg.rate");
    row(
        "6",
        String.format(
            Locale.ROOT,
            "import of %,.0f observations (CSV) into PostgreSQL",
            get("import.pg.records")),
        String.format(Locale.ROOT, "%,.0f records/s", rate),
        "`psql \\copy` of the same CSV into an unindexed table",
        String.format(Locale.ROOT, "%,.0f records/s", get("import.psql.rate")),
        rate / get("import.psql.rate"),
        ">= 0.3",
        rate / get("import.psql.rate") >= 0.3);
    double shared = get("jmh.ledger.postgres.us");
    double memory = get("jmh.ledger.memory.us");
    row(
        "L",
        "quota ledger in PostgreSQL: one admitted call (JMH avg, 4096 applications in turn)",
        us(shared, "jmh.ledger.postgres"),
        "the in-process ledger (SQLite's), same calls",
        us(memory, "jmh.ledger.memory"),
        shared / memory,
        "(reported)",
        null);
    double cpuShared = get("ledger.cpu.shared_us");
    double cpuMemory = get("ledger.cpu.memory_us");
    row(
        "L",
        String.format(
            Locale.ROOT,
            "server CPU per request with the shared ledger (filesight + PostgreSQL processes,"
                + " median of %,.0f alternating wrk rounds)",
            get("ledger.cpu.rounds")),
        String.format(Locale.ROOT, "%.0f µs", cpuShared),
        "the same servers on PostgreSQL with the in-process ledger",
        String.format(Locale.ROOT, "%.0f µs", cpuMemory),
        cpuShared / cpuMemory,
        "(reported)",
        null);
    return String.join("\n", rows) + "\n";
  }

  /**
   * A latency row of benchmark 4, filesight's run against the bare route's; with no {@code
   * targetMs} the figure is reported and only an error fails it.
   */
  private void latency(String percentile, String setting, Double targetMs) {
    double value = get("latency.filesight." + percentile + "_ms");
    double errors = get("latency.filesight.errors");
    Boolean met;
    if (targetMs != null) {
      met = value < targetMs && errors == 0;
    } else {
      met = errors == 0 ? null : Boolean.FALSE;
    }
    row(
        "4",
        String.format(
            Locale.ROOT,
            "latency %s at %,.0f req/s for %,.0f s, %s",
            percentile.equals("p99") ? "p99" : "p99.9",
            get("latency.rate"),
            get("latency.seconds"),
            setting),
        String.format(Locale.ROOT, "%.2f ms (%,.0f errors)", value, errors),
        String.format(
            Locale.ROOT,
            "bare route, same generator and rate, %,.0f s",
            get("latency.bare_seconds")),
        String.format(Locale.ROOT, "%.2f ms", get("latency.bare." + percentile + "_ms")),
        value / get("latency.bare." + percentile + "_ms"),
        targetMs == null
            ? "(reported), 0 errors"
            : String.format(Locale.ROOT, "< %.0f ms", targetMs),
        met);
  }

  private void row(
      String number,
      String figure,
      String value,
      String baseline,
      String baselineValue,
      double ratio,
      String target,
      Boolean met) {
    String verdict = met == null ? "-" : met ? "yes" : "**no**";
    if (Boolean.FALSE.equals(met)) {
      missed.add("#" + number + " " + figure + " (" + value + ", target " + target + ")");
    }
    rows.add(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s | %s | %s |",
            number,
            figure,
            value,
            baseline,
            baselineValue,
            Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio),
            target,
            verdict));
  }

  private String us(double value, String key) {
    return String.format(Locale.ROOT, "%.1f µs ± %.1f", value, get(key + ".error_us"));
  }

  /** A figure of the run, NaN when a step did not produce it (shown as such, never as met). */
  private double get(String key) {
    return figures.getOrDefault(key, Double.NaN);
  }
}
