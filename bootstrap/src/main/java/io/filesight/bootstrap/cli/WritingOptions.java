package io.filesight.bootstrap.cli;

import io.filesight.application.port.in.ImportOptions;
import io.filesight.bootstrap.config.Settings;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options of every command that writes records into a database: {@code import} and {@code copy}.
 */
final class WritingOptions {
  @Option(
      names = "--db-wait",
      paramLabel = "DURATION",
      defaultValue = "120s",
      description =
          "How long to wait for a PostgreSQL server that cannot be reached yet, or for another"
              + " process's write lock on a SQLite file (an import or copy running), before"
              + " giving up with exit 1 (default ${DEFAULT-VALUE}).")
  String dbWait;

  @Option(
      names = "--batch-size",
      defaultValue = "" + ImportOptions.DEFAULT_BATCH_SIZE,
      description = "Records per transaction (default ${DEFAULT-VALUE}).")
  int batchSize;

  /** The wait, checked. */
  Duration databaseWait() {
    return Settings.duration("--db-wait", dbWait);
  }

  /** The import options, checked. */
  ImportOptions importOptions(boolean strict) {
    if (batchSize < 1) {
      throw Settings.invalid("--batch-size", batchSize, "must be 1 or more");
    }
    return new ImportOptions(strict, batchSize);
  }
}
