package io.filesight.benchmarks;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges a store after {@code filesight import observations} was killed: every record its commits
 * claim (the {@code import_progress} row each commit writes with its batch) is stored, in the
 * observations or in a first import's backlog, and the stored (file, machine) pairs never shrink
 * from one kill to the next: {@code --db FILE --csv FILE --state FILE --kind first|later
 * --final-pairs N}. The state file carries the previous kill's count; the final pairs, those an
 * uninterrupted import leaves, tell a kill after the last commit. Prints {@code committed=N pairs=N
 * missing=N shrunk=0|1 phase=WORDS}.
 */
public final class ImportKillCheck {
  private ImportKillCheck() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path state = args.path("state");
    long previous = Files.exists(state) ? Long.parseLong(Files.readString(state).trim()) : 0;
    // A normal open: SQLite rolls back a hot journal or replays the WAL, as the next import would.
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + args.path("db").toAbsolutePath());
        Statement statement = connection.createStatement()) {
      long committed =
          StoreDigest.single(statement, "SELECT COALESCE(MAX(records), 0) FROM import_progress");
      Set<String> pairs = new HashSet<>();
      long observations = 0;
      for (String table : observationTables()) {
        try (ResultSet result = statement.executeQuery("SELECT sha1, machine_id FROM " + table)) {
          while (result.next()) {
            pairs.add(result.getString(1) + result.getString(2));
            if (table.equals("observation")) {
              observations++;
            }
          }
        }
      }
      long backlog = backlogRows(statement);
      long missing = missing(args.path("csv"), committed, pairs);
      String phase;
      if (committed == 0 && backlog == 0 && pairs.size() >= args.number("final-pairs")) {
        phase = "after-last-commit"; // every record stored, the process not yet gone
      } else if (committed == 0 && backlog == 0) {
        phase = "before-first-commit";
      } else if (backlog > 0 && observations == 0) {
        phase = "first-import-batches";
      } else if (backlog > 0) {
        phase = "first-import-final-move";
      } else if (args.text("kind").equals("first")) {
        phase = "first-import-final-move"; // the backlog moved, the last commit not yet done
      } else {
        phase = "later-import-batches";
      }
      Files.writeString(state, Long.toString(pairs.size()));
      System.out.printf(
          Locale.ROOT,
          "committed=%d pairs=%d missing=%d shrunk=%d phase=%s%n",
          committed,
          pairs.size(),
          missing,
          pairs.size() < previous ? 1 : 0,
          phase);
    }
  }

  /** The first {@code committed} records of the CSV that are not stored. */
  private static long missing(Path csv, long committed, Set<String> pairs) throws Exception {
    long missing = 0;
    try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      List<String> header = fields(reader.readLine());
      int sha1 = header.indexOf("SHA1");
      int device = header.indexOf("DeviceId");
      String line;
      for (long i = 0; i < committed && (line = reader.readLine()) != null; i++) {
        List<String> record = fields(line);
        String key =
            record.get(sha1).toLowerCase(Locale.ROOT) + record.get(device).toLowerCase(Locale.ROOT);
        if (!pairs.contains(key)) {
          missing++;
        }
      }
    }
    return missing;
  }

  /**
   * One CSV line's fields (RFC 4180 quoting; the generated files hold no line breaks in fields).
   */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  static List<String> observationTables() {
    List<String> tables = new ArrayList<>(List.of("observation"));
    for (char digit : "0123456789abcdef".toCharArray()) {
      tables.add("observation_backlog_" + digit);
    }
    return tables;
  }

  static long backlogRows(Statement statement) throws Exception {
    long rows = 0;
    for (String table : observationTables().subList(1, 17)) {
      rows += StoreDigest.single(statement, "SELECT COUNT(*) FROM " + table);
    }
    return rows;
  }
}
