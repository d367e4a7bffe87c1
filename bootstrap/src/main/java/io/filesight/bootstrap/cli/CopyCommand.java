package io.filesight.bootstrap.cli;

import io.filesight.application.port.in.CopySummary;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.DatabaseSetting;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code filesight copy --from FILE --to URL}: moves a store to another database. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Copies everything a database holds (machines, observations, access configuration) into"
          + " another, e.g. a SQLite file into PostgreSQL when one machine is no longer enough.",
      "Idempotent, like the imports it runs: copying again changes nothing, and an interrupted"
          + " copy is completed by running it again. What the target held already is kept."
    })
public final class CopyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (properties), for db-user and db-password.")
  Path config;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FILE|URL",
      description =
          "The database to copy: a SQLite file, or a jdbc:postgresql: URL. It is migrated to this"
              + " build's schema, as any command would, and read in one snapshot.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "FILE|URL",
      description =
          "The database to copy into: a jdbc:postgresql: URL, or a SQLite file (created when"
              + " missing). User and password for either come from FILESIGHT_DB_USER and"
              + " FILESIGHT_DB_PASSWORD, the configuration file or the URL.")
  String to;

  @Mixin WritingOptions writing;

  @Override
  public Integer call() {
    DatabaseLocation source = DatabaseSetting.of(spec, "--from", from, false);
    DatabaseLocation target = DatabaseSetting.of(spec, "--to", to, false);
    if (target instanceof DatabaseLocation.SqliteFile file) {
      target = new DatabaseLocation.SqliteFile(file.file(), true);
    }
    if (source.sameAs(target)) {
      throw new ConfigurationException(
          Settings.describe("--to") + ": names the database to copy from, " + source.describe());
    }
    Duration wait = writing.databaseWait();
    ImportOptions options = writing.importOptions(false);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImportCommand.ConsoleProgress progress =
        new ImportCommand.ConsoleProgress(err, System.console() != null);
    try {
      CopySummary summary = FilesightStore.copy(source, target, wait, options, progress);
      progress.finish();
      print(out, "machines", summary.machines());
      print(out, "observations", summary.observations());
      if (summary.access().isPresent()) {
        print(out, "access", summary.access().get());
      } else {
        out.println(
            "access: "
                + source.describe()
                + " has no access configuration; the target's is unchanged");
      }
      out.printf(Locale.ROOT, "copied %s into %s%n", source.describe(), target.describe());
      return FilesightCli.OK;
    } catch (ImportFailedException e) {
      progress.finish();
      err.println("filesight: " + FilesightCli.oneLine(e));
      return FilesightCli.FAILURE;
    }
  }

  private static void print(PrintWriter out, String step, ImportSummary summary) {
    out.printf(
        Locale.ROOT,
        "%s: read %d, inserted %d, updated %d%n",
        step,
        summary.read(),
        summary.inserted(),
        summary.updated());
  }
}
