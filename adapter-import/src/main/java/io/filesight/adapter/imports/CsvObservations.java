package io.filesight.adapter.imports;

import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ParsedRecord;
import io.filesight.domain.Observation;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Observations from an Advanced Hunting CSV export: a header naming the columns (matched without
 * regard to case; {@code DeviceId} and {@code SHA1} required), then one observation a row. Columns
 * filesight does not keep are read past without keeping their text.
 */
final class CsvObservations implements RecordReader<Observation> {
  private final CsvReader csv;
  private final List<String> header;
  private final int device;
  private final int sha1;
  private final int sha256;
  private final int md5;
  private final int timestamp;
  private final int fileName;

  private CsvObservations(CsvReader csv, List<String> header, Map<String, Integer> columns) {
    this.csv = csv;
    this.header = header;
    this.device = columns.get("deviceid");
    this.sha1 = columns.get("sha1");
    this.sha256 = columns.getOrDefault("sha256", -1);
    this.md5 = columns.getOrDefault("md5", -1);
    this.timestamp = columns.getOrDefault("timestamp", -1);
    this.fileName = columns.getOrDefault("filename", -1);
    boolean[] unused = new boolean[header.size()];
    Arrays.fill(unused, true);
    for (int used : new int[] {device, sha1, sha256, md5, timestamp, fileName}) {
      if (used >= 0) {
        unused[used] = false;
      }
    }
    csv.skip(unused);
  }

  /**
   * Reads the header of the CSV in {@code text}.
   *
   * @throws ImportFailedException naming {@code source} and the header's line when a required
   *     column is missing
   */
  static RecordReader<Observation> open(String source, Reader text, int maxFieldChars)
      throws IOException {
    CsvReader csv = new CsvReader(text, maxFieldChars);
    CsvRecord header = csv.next();
    if (header == null) {
      return () -> null;
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i);
      if (name != null) {
        columns.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), i);
      }
    }
    for (String required : List.of(ObservationRecords.DEVICE_ID, ObservationRecords.SHA1)) {
      if (!columns.containsKey(required.toLowerCase(Locale.ROOT))) {
        throw new ImportFailedException(
            source,
            header.line(),
            "the CSV header has no "
                + required
                + " column (it has: "
                + String.join(", ", header.fields())
                + ")");
      }
    }
    return new CsvObservations(csv, header.fields(), columns);
  }

  @Override
  public ParsedRecord<Observation> next() throws IOException {
    CsvRecord row = csv.next();
    if (row == null) {
      return null;
    }
    if (row.problem() != null) {
      return ParsedRecord.rejected(row.line(), row.problem());
    }
    List<String> fields = row.fields();
    if (fields.size() != header.size()) {
      return ParsedRecord.rejected(
          row.line(), "has " + fields.size() + " fields where the header has " + header.size());
    }
    try {
      return ParsedRecord.accepted(
          row.line(),
          ObservationRecords.from(
              field(fields, device),
              field(fields, sha1),
              field(fields, sha256),
              field(fields, md5),
              field(fields, timestamp),
              field(fields, fileName)));
    } catch (RecordRejectedException e) {
      return ParsedRecord.rejected(row.line(), e.getMessage());
    }
  }

  private String field(List<String> fields, int index) throws RecordRejectedException {
    if (index < 0) {
      return null;
    }
    String value = fields.get(index);
    if (value == null) {
      throw new RecordRejectedException(
          header.get(index).trim() + " is longer than " + csv.maxFieldChars() + " characters");
    }
    return value;
  }
}
