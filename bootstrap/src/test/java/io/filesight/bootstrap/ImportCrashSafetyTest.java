package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.bootstrap.lifecycle.DemoData;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing an import process at any moment loses no committed batch and leaves no partial one: after
 * several kills at different moments, re-running the import converges to exactly the state of an
 * uninterrupted run. The child imports as {@code filesight import} does: the Defender-files adapter
 * through the import use cases into the SQLite store.
 */
class ImportCrashSafetyTest {
  private static final int BATCH = 40;

  @TempDir Path directory;

  @Test
  void reRunningAfterRepeatedKillsConvergesToTheUninterruptedResult() throws Exception {
    List<Path> files = DemoData.generate(300, 800, 24_000, 7, directory.resolve("data"));
    Path reference = directory.resolve("reference.db");
    Path crashed = directory.resolve("crashed.db");
    assertThat(runToEnd(reference, files)).isEqualTo(0);

    // Kill after the n-th committed batch, while the child is already writing the next one.
    // Machines are 300 records (8 batches), so the first kill lands in the machine import.
    int kills = 0;
    for (int afterBatches : new int[] {3, 12, 45, 110, 260}) {
      Process child = start(crashed, files);
      boolean finished = waitForCommits(child, afterBatches);
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      if (!finished) {
        kills++;
      }
      try (SqliteDatabase database = SqliteDatabase.open(crashed, false)) {
        database.quickCheck();
      }
    }
    int exit = runToEnd(crashed, files);

    assertThat(kills).as("kills that interrupted an import").isGreaterThanOrEqualTo(4);
    assertThat(exit).isEqualTo(0);
    assertThat(StoreDump.of(crashed)).isEqualTo(StoreDump.of(reference));
  }

  private static int runToEnd(Path database, List<Path> files) throws Exception {
    Process child = start(database, files);
    waitForCommits(child, Integer.MAX_VALUE);
    return child.waitFor(120, TimeUnit.SECONDS) ? child.exitValue() : -1;
  }

  /** Reads the child's output until {@code commits} batches are committed; true when it ended. */
  private static boolean waitForCommits(Process child, int commits) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    int seen = 0;
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals("done")) {
        return true;
      }
      if (line.startsWith("committed") && ++seen >= commits) {
        return false;
      }
    }
    return true;
  }

  private static Process start(Path database, List<Path> files) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
    command.add(CrashingImportMain.class.getName());
    command.add(database.toString());
    command.add(files.get(0).toString());
    command.add(files.get(1).toString());
    command.add(String.valueOf(BATCH));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
