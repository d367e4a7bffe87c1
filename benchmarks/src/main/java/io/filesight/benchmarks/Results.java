package io.filesight.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The figures of one run, appended as {@code key=value} lines to one file that {@link
 * ResultsReport} turns into the table; every program of the run writes there.
 */
final class Results {
  private final Path file;

  Results(Path file) {
    this.file = file;
  }

  void put(String key, double value) {
    put(key, String.format(Locale.ROOT, "%.6f", value));
  }

  void put(String key, String value) {
    try {
      Files.writeString(
          file,
          key + "=" + value.replace('\n', ' ') + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + file, e);
    }
    System.out.println("  " + key + " = " + value);
  }
}
