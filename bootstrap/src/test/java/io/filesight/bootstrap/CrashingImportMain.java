package io.filesight.bootstrap;

import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportProgress;
import io.filesight.application.port.in.RejectedRecord;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link ImportCrashSafetyTest}: imports machines then observations with small
 * batches, printing a line after each committed batch ({@code committed <records read> machines},
 * or {@code observations}) so the parent can kill it mid-import. Arguments: database, machines
 * file, observations file, batch size.
 */
public final class CrashingImportMain {
  private CrashingImportMain() {}

  public static void main(String[] args) {
    ImportOptions options = new ImportOptions(false, Integer.parseInt(args[3]));
    try (FilesightStore store = open(args[0])) {
      store.importMachines(Path.of(args[1]), options, printer("machines"));
      store.importObservations(Path.of(args[2]), options, printer("observations"));
    }
    System.out.println("done");
  }

  /** A SQLite file, or a {@code jdbc:postgresql:} URL of a server that trusts user postgres. */
  private static FilesightStore open(String database) {
    if (database.startsWith("jdbc:postgresql:")) {
      return FilesightStore.open(
          new DatabaseLocation.Postgres(PostgresSettings.of(database, "postgres", "")),
          Duration.ofSeconds(30));
    }
    return FilesightStore.open(Path.of(database));
  }

  private static ImportListener printer(String kind) {
    return new ImportListener() {
      @Override
      public void progress(ImportProgress progress) {
        System.out.println("committed " + progress.records() + " " + kind);
        System.out.flush();
      }

      @Override
      public void rejected(RejectedRecord record) {
        System.out.println("rejected " + record);
      }
    };
  }
}
