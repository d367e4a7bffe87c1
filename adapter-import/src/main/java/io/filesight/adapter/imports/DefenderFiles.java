package io.filesight.adapter.imports;

import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportMachines;
import io.filesight.application.port.in.ImportObservations;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.ReplaceAccessConfiguration;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.Machine;
import io.filesight.domain.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Primary adapter: imports Defender's export files through the import use cases. Machines come as a
 * {@code GET /api/machines} response body ({@code {"value":[...]}}) or JSON Lines of machine
 * entities; observations as an Advanced Hunting CSV or JSON Lines with the same columns; access as
 * one JSON object of machine groups and roles. This adapter only reads the formats: batching,
 * strictness, counting and storing are the use cases'.
 */
public final class DefenderFiles {
  /** The longest string field accepted, in characters; longer ones reject their record. */
  public static final int MAX_FIELD_CHARS = 4096;

  /** The most JSON values in one record; a larger record is rejected. */
  public static final int MAX_VALUES_PER_RECORD = 10_000;

  /** How far the start of an observations file is searched for its first character. */
  private static final int SNIFF_CHARS = 1 << 16;

  private final ImportMachines machines;
  private final ImportObservations observations;
  private final ReplaceAccessConfiguration access;

  public DefenderFiles(
      ImportMachines machines, ImportObservations observations, ReplaceAccessConfiguration access) {
    this.machines = Objects.requireNonNull(machines, "machines");
    this.observations = Objects.requireNonNull(observations, "observations");
    this.access = Objects.requireNonNull(access, "access");
  }

  /**
   * Imports the machine entities of {@code file}; a machine already stored is replaced.
   *
   * @throws ImportFailedException naming the file and line of what stopped the import
   */
  public ImportSummary machines(Path file, ImportOptions options, ImportListener listener) {
    try (ExportFile<Machine> source =
        ExportFile.open(
            file,
            (name, text) ->
                new JsonRecords<>(
                    text, new MachineMapper(MAX_FIELD_CHARS, MAX_VALUES_PER_RECORD)))) {
      return machines.importMachines(source, options, listener);
    }
  }

  /**
   * Imports the observations of {@code file}, a CSV or, when it starts with '{' or '[', JSON.
   *
   * @throws ImportFailedException naming the file and line of what stopped the import
   */
  public ImportSummary observations(Path file, ImportOptions options, ImportListener listener) {
    try (ExportFile<Observation> source =
        ExportFile.open(
            file,
            (name, text) ->
                startsLikeJson(text)
                    ? new JsonRecords<>(
                        text, new ObservationMapper(MAX_FIELD_CHARS, MAX_VALUES_PER_RECORD))
                    : CsvObservations.open(name, text, MAX_FIELD_CHARS))) {
      return observations.importObservations(source, options, listener);
    }
  }

  /**
   * Replaces the access configuration with the one {@code file} describes. Any problem fails the
   * whole file, strict or not, and keeps the previous configuration.
   *
   * @throws ImportFailedException naming the file and line of the problem
   */
  public ImportSummary access(Path file) {
    AccessConfiguration configuration;
    try (BufferedReader text = ExportFile.utf8(file)) {
      configuration =
          AccessJson.read(file.toString(), text, MAX_FIELD_CHARS, MAX_VALUES_PER_RECORD);
    } catch (IOException | RuntimeException e) {
      throw ExportFile.failure(file, e);
    }
    return access.replaceAccessConfiguration(file.toString(), configuration);
  }

  /** Whether the text (after whitespace) starts with '{' or '['; the reader is left unmoved. */
  private static boolean startsLikeJson(BufferedReader reader) throws IOException {
    reader.mark(SNIFF_CHARS);
    try {
      int c;
      int seen = 0;
      while ((c = reader.read()) >= 0 && seen++ < SNIFF_CHARS - 1) {
        if (!Character.isWhitespace(c)) {
          return c == '{' || c == '[';
        }
      }
      return false;
    } finally {
      reader.reset();
    }
  }
}
