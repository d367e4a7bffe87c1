package io.filesight.bootstrap.cli;

import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.DatabaseSetting;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code filesight backup --db FILE --out FILE}: a consistent copy of a live SQLite store. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Copies a SQLite database consistently while servers read it and imports write it (SQLite's"
          + " VACUUM INTO, one read transaction: it holds every import batch committed when it"
          + " began, and blocks no one), checks the copy with PRAGMA quick_check and only then"
          + " gives it the name --out. A failed backup leaves --out as it was. Copying a live"
          + " database with cp is not safe: the -wal file holds committed data.",
      "Exits 0 with the copy in place, 1 when copying, writing or checking failed, 2 when --db"
          + " names no SQLite file (a PostgreSQL URL: use pg_dump) or --out cannot be used."
    })
public final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (properties), for db.")
  Path config;

  @Option(names = "--db", paramLabel = "FILE", description = "The SQLite database to copy.")
  String db;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description =
          "Where the copy goes, in an existing directory. Never overwritten without --force.")
  Path out;

  @Option(names = "--force", description = "Replace an existing --out file (a previous backup).")
  boolean force;

  @Override
  public Integer call() {
    DatabaseLocation location = DatabaseSetting.of(spec, db, false);
    if (!(location instanceof DatabaseLocation.SqliteFile sqlite)) {
      throw new ConfigurationException(
          Settings.describe("--db")
              + ": backup copies a SQLite file; "
              + location.describe()
              + " is PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc -f filesight.dump)");
    }
    Path source = sqlite.file().toAbsolutePath().normalize();
    if (!Files.isRegularFile(source)) {
      throw new ConfigurationException(
          Settings.describe("--db") + ": no database file at " + source);
    }
    Path target = out.toAbsolutePath().normalize();
    checkTarget(sqlite, target);
    long bytes = FilesightStore.backup(source, target, force);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT, "ok: %s copied to %s (%d bytes), quick_check ok%n", source, target, bytes);
    return FilesightCli.OK;
  }

  private void checkTarget(DatabaseLocation.SqliteFile source, Path target) {
    if (source.sameAs(new DatabaseLocation.SqliteFile(target, false))) {
      throw outInvalid(target, "is the database to copy");
    }
    Path directory = target.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw outInvalid(target, "no directory " + directory + " to write it in");
    }
    if (Files.isDirectory(target)) {
      throw outInvalid(target, "is a directory; name the backup file");
    }
    for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
      Path companion = target.resolveSibling(target.getFileName() + suffix);
      if (Files.exists(companion)) {
        // SQLite would apply that file to the copy: it may be a database in use there.
        throw outInvalid(
            target, companion.getFileName() + " exists beside it: is a database in use there?");
      }
    }
    if (Files.exists(target) && !force) {
      throw outInvalid(target, "exists; give --force to replace it");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      throw outInvalid(target, "is not a regular file");
    }
  }

  private static ConfigurationException outInvalid(Path target, String why) {
    return new ConfigurationException(Settings.describe("--out") + ": " + target + " " + why);
  }
}
