package io.filesight.bootstrap.cli;

import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportProgress;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.RejectedRecord;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.DatabaseSetting;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code filesight import machines|observations|access FILE}: loads Defender exports. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Imports Defender exports into the database (created on first import).",
    subcommands = {
      ImportCommand.Machines.class,
      ImportCommand.Observations.class,
      ImportCommand.Access.class
    })
public final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing what to import: machines, observations or access");
  }

  /** Options every import shares. */
  static final class ImportArguments {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Configuration file (properties).")
    Path config;

    @Option(
        names = "--db",
        paramLabel = "FILE|URL",
        description =
            "SQLite database file (created on first import), or a jdbc:postgresql: URL (user and"
                + " password as for serve).")
    String db;

    @Mixin WritingOptions writing;

    @Option(
        names = "--strict",
        description = "Fail the whole import, writing nothing, at the first bad record.")
    boolean strict;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
    Path file;
  }

  abstract static class Kind implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ImportArguments arguments;

    abstract ImportSummary run(
        FilesightStore store, Path file, ImportOptions options, ImportListener listener);

    @Override
    public Integer call() {
      DatabaseLocation database = DatabaseSetting.of(spec, arguments.db, false);
      Duration wait = arguments.writing.databaseWait();
      ImportOptions options = arguments.writing.importOptions(arguments.strict);
      if (!Files.isReadable(arguments.file)) {
        throw new io.filesight.bootstrap.config.ConfigurationException(
            arguments.file + ": no readable file there");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ConsoleProgress progress = new ConsoleProgress(err, System.console() != null);
      if (database instanceof DatabaseLocation.SqliteFile file) {
        // The first import into a path without a database creates it.
        database = new DatabaseLocation.SqliteFile(file.file(), true);
      }
      try (FilesightStore store = FilesightStore.open(database, wait)) {
        ImportSummary summary = run(store, arguments.file, options, progress);
        progress.finish();
        out.printf(
            Locale.ROOT,
            "%s: read %d, inserted %d, updated %d, rejected %d%n",
            arguments.file,
            summary.read(),
            summary.inserted(),
            summary.updated(),
            summary.rejected());
        return FilesightCli.OK;
      } catch (ImportFailedException e) {
        progress.finish();
        err.println("filesight: " + FilesightCli.oneLine(e));
        return FilesightCli.FAILURE;
      }
    }
  }

  @Command(
      name = "machines",
      mixinStandardHelpOptions = true,
      description = "A Defender GET /api/machines response ({\"value\":[...]}) or JSON Lines.")
  static final class Machines extends Kind {
    @Override
    ImportSummary run(
        FilesightStore store, Path file, ImportOptions options, ImportListener listener) {
      return store.importMachines(file, options, listener);
    }
  }

  @Command(
      name = "observations",
      mixinStandardHelpOptions = true,
      description =
          "Advanced Hunting CSV (DeviceId, SHA1, SHA256, MD5, Timestamp, ...) or JSON Lines.")
  static final class Observations extends Kind {
    @Override
    ImportSummary run(
        FilesightStore store, Path file, ImportOptions options, ImportListener listener) {
      return store.importObservations(file, options, listener);
    }
  }

  @Command(
      name = "access",
      mixinStandardHelpOptions = true,
      description = "Machine groups and roles as JSON; replaces the previous access configuration.")
  static final class Access extends Kind {
    @Override
    ImportSummary run(
        FilesightStore store, Path file, ImportOptions options, ImportListener listener) {
      return store.replaceAccess(file);
    }
  }

  /** Progress on a terminal (one rewritten line), rejections always, one per line on stderr. */
  static final class ConsoleProgress implements ImportListener {
    private final PrintWriter err;
    private final boolean terminal;
    private boolean drawn;

    ConsoleProgress(PrintWriter err, boolean terminal) {
      this.err = err;
      this.terminal = terminal;
    }

    @Override
    public synchronized void progress(ImportProgress progress) {
      if (!terminal) {
        return;
      }
      err.print("\r" + line(progress) + "   ");
      err.flush();
      drawn = true;
    }

    /** E.g. {@code 12,345 records (37%), 51,234 records/s}; the share is of the file's bytes. */
    static String line(ImportProgress progress) {
      String share =
          progress.percent().isPresent() ? " (" + progress.percent().getAsInt() + "%)" : "";
      return String.format(
          Locale.ROOT,
          "%,d records%s, %,.0f records/s",
          progress.records(),
          share,
          progress.recordsPerSecond());
    }

    @Override
    public synchronized void resumed(long records) {
      err.printf(
          Locale.ROOT,
          "resuming an interrupted import of this file after the %,d records it committed%n",
          records);
      err.flush();
    }

    @Override
    public synchronized void rejected(RejectedRecord record) {
      if (drawn) {
        err.println();
        drawn = false;
      }
      err.println(record.source() + ":" + record.line() + ": rejected: " + record.reason());
    }

    synchronized void finish() {
      if (drawn) {
        err.println();
        drawn = false;
      }
    }
  }
}
