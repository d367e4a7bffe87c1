package io.filesight.bootstrap.cli;

import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.DatabaseSetting;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code filesight verify --db FILE}: SQLite's full integrity check of a store. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Runs SQLite's full integrity check (PRAGMA integrity_check) on a database file, read-only"
          + " and without migrating it. Start-up runs only the quick check; run this one after a"
          + " crash, a disk error, or when a server reported the store damaged.",
      "Exits 0 when the file is sound, 1 when it is damaged (printing SQLite's first findings),"
          + " 2 when there is no such file or the setting names no SQLite file."
    })
public final class VerifyCommand implements Callable<Integer> {
  /** SQLite's findings printed at most; the rest are counted. */
  static final int SHOWN_PROBLEMS = 10;

  @Spec CommandSpec spec;

  @Option(names = "--db", paramLabel = "FILE", description = "The SQLite database file to check.")
  String db;

  @Override
  public Integer call() {
    DatabaseLocation location = DatabaseSetting.of(spec, db, false);
    if (!(location instanceof DatabaseLocation.SqliteFile sqlite)) {
      throw new ConfigurationException(
          Settings.describe("--db")
              + ": verify checks a SQLite file; "
              + location.describe()
              + " is PostgreSQL, which has its own checks (amcheck, pg_checksums)");
    }
    Path file = sqlite.file();
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException(
          Settings.describe("--db") + ": no database file at " + file.toAbsolutePath().normalize());
    }
    List<String> problems = FilesightStore.verify(file);
    if (problems.isEmpty()) {
      spec.commandLine().getOut().println("ok: " + file + " passed SQLite's full integrity check");
      return FilesightCli.OK;
    }
    String shown =
        String.join("; ", problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size())));
    String more =
        problems.size() > SHOWN_PROBLEMS
            ? String.format(Locale.ROOT, " (and %d more)", problems.size() - SHOWN_PROBLEMS)
            : "";
    spec.commandLine()
        .getErr()
        .println("filesight: " + file + " is damaged: " + shown.replace('\n', ' ') + more);
    return FilesightCli.FAILURE;
  }
}
