package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.adapter.persistence.generate.DemoDataGenerator;
import io.filesight.adapter.persistence.generate.GeneratedFiles;
import io.filesight.adapter.persistence.generate.GeneratorSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: the import measurement run by {@code scripts/measure-import.sh}. {@code generate DIR
 * MACHINES FILES OBSERVATIONS} writes the data; {@code import DB DIR BATCH} imports it and prints
 * the rate, the database size and the peak heap.
 */
public final class ImportMeasurement {
  private ImportMeasurement() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("generate")) {
      long start = System.nanoTime();
      GeneratedFiles files =
          new DemoDataGenerator()
              .generate(
                  new GeneratorSettings(
                      Integer.parseInt(args[2]),
                      Integer.parseInt(args[3]),
                      Long.parseLong(args[4]),
                      42),
                  Path.of(args[1]));
      System.out.printf(
          "generated %s (%d bytes) in %.1f s%n",
          files.observations(),
          Files.size(files.observations()),
          (System.nanoTime() - start) / 1e9);
      return;
    }
    Path db = Path.of(args[1]);
    Path dir = Path.of(args[2]);
    ImportOptions options = new ImportOptions(false, Integer.parseInt(args[3]));
    ImportListener listener =
        new ImportListener() {
          private long lastPrinted;

          @Override
          public void progress(ImportProgress progress) {
            if (progress.records() - lastPrinted >= 1_000_000) {
              lastPrinted = progress.records();
              System.out.printf(
                  "  %,d records, %,.0f records/s%n",
                  progress.records(), progress.recordsPerSecond());
            }
          }

          @Override
          public void rejected(RejectedRecord record) {
            System.out.println("  rejected " + record);
          }
        };
    try (SqliteDatabase database = SqliteDatabase.open(db, true)) {
      Importer importer = new Importer(database, listener);
      ImportSummary machines = importer.machines(dir.resolve("machines.jsonl"), options);
      System.out.println("machines: " + machines);
      long start = System.nanoTime();
      ImportSummary observations = importer.observations(dir.resolve("observations.csv"), options);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println("observations: " + observations);
      System.out.printf(
          "observations import: %.1f s, %,.0f records/s%n", seconds, observations.read() / seconds);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "max heap %,d MB, peak heap used (sum of pool peaks) %,d MB%n",
        Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    long size = Files.size(db);
    Path wal = Path.of(db + "-wal");
    System.out.printf(
        "database %s: %,d bytes (+ WAL %,d bytes)%n",
        db, size, Files.exists(wal) ? Files.size(wal) : 0);
  }
}
