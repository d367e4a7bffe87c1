package io.filesight.adapter.persistence.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.persistence.imports.JsonRecords.JsonRecord;
import io.filesight.adapter.persistence.json.JsonNumber;
import io.filesight.adapter.persistence.json.JsonSyntaxException;
import io.filesight.adapter.persistence.json.Oversized;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {

  @Test
  void eachMalformedLineIsOneBadRecordAndReadingResumesAtTheNextLine() throws Exception {
    List<JsonRecord> records =
        readAll(
            "{\"n\": 1}\n"
                + "{\"n\": \n"
                + "\n"
                + "{\"n\": \"raw \t tab\"}\n"
                + "{\"n\": [1, 2}\n"
                + "{\"n\": 5}\n");

    assertThat(records).extracting(JsonRecord::line).containsExactly(1L, 2L, 4L, 5L, 6L);
    assertThat(records)
        .extracting(r -> r.syntaxError() == null)
        .containsExactly(true, false, false, false, true);
    assertThat(records.get(4).value()).isEqualTo(Map.of("n", new JsonNumber("5")));
  }

  @Test
  void linesLongerThanTheReadBufferKeepLineNumbersExact() throws Exception {
    String longText = "x".repeat(200_000);
    List<JsonRecord> records =
        readAll(
            "{\"s\": \""
                + longText
                + "\"}\n"
                + "{\"s\": \""
                + longText
                + "\" oops "
                + longText
                + "}\n"
                + "{\"s\": \"ok\"}\n");

    assertThat(records).extracting(JsonRecord::line).containsExactly(1L, 2L, 3L);
    assertThat(records.get(0).value()).isEqualTo(Map.of("s", new Oversized(200_000)));
    assertThat(records.get(1).syntaxError()).startsWith("not valid JSON");
    assertThat(records.get(2).value()).isEqualTo(Map.of("s", "ok"));
  }

  @Test
  void aTruncatedLastLineIsOneBadRecord() throws Exception {
    List<JsonRecord> records = readAll("{\"n\": 1}\r\n{\"n\": 2}\r\n{\"n\": \"cut");

    assertThat(records).extracting(JsonRecord::line).containsExactly(1L, 2L, 3L);
    assertThat(records.get(2).syntaxError()).contains("truncated");
  }

  @Test
  void aResponseBodyOverSeveralLinesIsOneDocument() throws Exception {
    List<JsonRecord> records =
        readAll("{\"@odata.context\": \"x\",\n \"value\": [\n {\"n\": 1},\n {\"n\": 2}\n]}\n");

    assertThat(records).extracting(JsonRecord::line).containsExactly(3L, 4L);
    assertThat(records).allSatisfy(r -> assertThat(r.syntaxError()).isNull());
  }

  @Test
  void aSyntaxErrorInsideADocumentStopsReadingAtItsLine() {
    JsonRecords records =
        new JsonRecords(new StringReader("[\n{\"n\": 1},\n{\"n\" 2}\n]"), 100, 100);

    assertThatThrownBy(() -> drain(records))
        .isInstanceOf(JsonSyntaxException.class)
        .satisfies(e -> assertThat(((JsonSyntaxException) e).line()).isEqualTo(3));
  }

  @Test
  void aFirstValueSpanningLinesIsReadAsAStreamOfValues() throws Exception {
    List<JsonRecord> records = readAll("{\n  \"n\": 1\n}\n{\n  \"n\": 2\n}\n");

    assertThat(records).extracting(JsonRecord::line).containsExactly(1L, 4L);
    assertThat(records.get(1).value()).isEqualTo(Map.of("n", new JsonNumber("2")));
  }

  private static List<JsonRecord> readAll(String text) throws Exception {
    return drain(new JsonRecords(new StringReader(text), 100, 100));
  }

  private static List<JsonRecord> drain(JsonRecords records) throws Exception {
    List<JsonRecord> all = new ArrayList<>();
    JsonRecord record;
    while ((record = records.next()) != null) {
      all.add(record);
    }
    return all;
  }
}
