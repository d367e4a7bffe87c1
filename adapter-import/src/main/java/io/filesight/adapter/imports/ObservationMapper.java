package io.filesight.adapter.imports;

import com.fasterxml.jackson.core.JsonParser;
import io.filesight.application.port.in.ParsedRecord;
import io.filesight.domain.Observation;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Maps an Advanced Hunting row exported as JSON Lines (the columns as keys, as in the CSV) to an
 * {@link Observation}; other keys are ignored.
 */
final class ObservationMapper implements JsonRecordMapper<Observation> {
  private static final List<String> KEYS =
      List.of(
          ObservationRecords.DEVICE_ID,
          ObservationRecords.SHA1,
          ObservationRecords.SHA256,
          ObservationRecords.MD5,
          ObservationRecords.TIMESTAMP,
          ObservationRecords.FILE_NAME);

  private final JsonFields fields;
  private final String[] columns = new String[KEYS.size()];

  ObservationMapper(int maxChars, int maxValues) {
    this.fields = new JsonFields(maxChars, maxValues);
  }

  @Override
  public String what() {
    return "an observation";
  }

  @Override
  public void start(JsonParser parser) {
    fields.start(parser);
    Arrays.fill(columns, null);
  }

  @Override
  public void member(String key, JsonParser parser) throws IOException {
    int column = KEYS.indexOf(key);
    if (column < 0) {
      fields.skip();
    } else {
      columns[column] = fields.string(key);
    }
  }

  @Override
  public ParsedRecord<Observation> finish(long line) {
    if (fields.problem() != null) {
      return ParsedRecord.rejected(line, fields.problem());
    }
    try {
      return ParsedRecord.accepted(
          line,
          ObservationRecords.from(
              columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]));
    } catch (RecordRejectedException e) {
      return ParsedRecord.rejected(line, e.getMessage());
    }
  }
}
