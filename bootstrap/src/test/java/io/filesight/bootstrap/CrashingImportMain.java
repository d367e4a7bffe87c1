package io.filesight.bootstrap;

import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportProgress;
import io.filesight.application.port.in.RejectedRecord;
import io.filesight.bootstrap.lifecycle.FilesightStore;
import java.nio.file.Path;

/**
 * The child process of {@link ImportCrashSafetyTest}: imports machines then observations with small
 * batches, printing a line after each committed batch so the parent can kill it mid-import.
 * Arguments: database, machines file, observations file, batch size.
 */
public final class CrashingImportMain {
  private CrashingImportMain() {}

  public static void main(String[] args) {
    ImportOptions options = new ImportOptions(false, Integer.parseInt(args[3]));
    ImportListener printer =
        new ImportListener() {
          @Override
          public void progress(ImportProgress progress) {
            System.out.println("committed " + progress.records());
            System.out.flush();
          }

          @Override
          public void rejected(RejectedRecord record) {
            System.out.println("rejected " + record);
          }
        };
    try (FilesightStore store = FilesightStore.open(Path.of(args[0]))) {
      store.importMachines(Path.of(args[1]), options, printer);
      store.importObservations(Path.of(args[2]), options, printer);
    }
    System.out.println("done");
  }
}
