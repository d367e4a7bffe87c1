package io.filesight.adapter.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.filesight.adapter.imports.JsonRecords.DocumentException;
import io.filesight.application.port.in.ParsedRecord;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {
  private static final int MAX_CHARS = 100;
  private static final int MAX_VALUES = 100;

  @Test
  void eachMalformedLineIsOneBadRecordAndReadingResumesAtTheNextLine() throws Exception {
    List<ParsedRecord<Map<String, String>>> records =
        readAll(
            "{\"n\": 1}\n"
                + "{\"n\": \n"
                + "\n"
                + "{\"n\": \"raw \t tab\"}\n"
                + "{\"n\": [1, 2}\n"
                + "{\"n\": 5}\n");

    assertThat(records).extracting(ParsedRecord::line).containsExactly(1L, 2L, 4L, 5L, 6L);
    assertThat(records)
        .extracting(r -> r.rejection() == null)
        .containsExactly(true, false, false, false, true);
    assertThat(records.get(1).rejection()).contains("truncated");
    assertThat(records.get(2).rejection()).startsWith("not valid JSON:");
    assertThat(records.get(4).value()).isEqualTo(Map.of("n", "5"));
  }

  @Test
  void linesLongerThanTheReadBufferKeepLineNumbersExact() throws Exception {
    String longText = "x".repeat(200_000);
    List<ParsedRecord<Map<String, String>>> records =
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

    assertThat(records).extracting(ParsedRecord::line).containsExactly(1L, 2L, 3L);
    assertThat(records.get(0).rejection()).isEqualTo("s is longer than 100 characters (200000)");
    assertThat(records.get(1).rejection()).startsWith("not valid JSON");
    assertThat(records.get(2).value()).isEqualTo(Map.of("s", "ok"));
  }

  @Test
  void aTruncatedLastLineIsOneBadRecord() throws Exception {
    List<ParsedRecord<Map<String, String>>> records =
        readAll("{\"n\": 1}\r\n{\"n\": 2}\r\n{\"n\": \"cut");

    assertThat(records).extracting(ParsedRecord::line).containsExactly(1L, 2L, 3L);
    assertThat(records.get(2).rejection()).contains("truncated");
  }

  @Test
  void aResponseBodyOverSeveralLinesIsOneDocument() throws Exception {
    List<ParsedRecord<Map<String, String>>> records =
        readAll(
            "{\"@odata.context\": \"x\",\n \"value\": [\n {\"n\": 1},\n {\"n\": 2}\n],"
                + " \"@odata.nextLink\": null}\n");

    assertThat(records).extracting(ParsedRecord::line).containsExactly(3L, 4L);
    assertThat(records)
        .extracting(ParsedRecord::value)
        .containsExactly(Map.of("n", "1"), Map.of("n", "2"));
  }

  @Test
  void anOversizedFieldRejectsItsRecordAndReadingGoesOnInADocumentToo() throws Exception {
    List<ParsedRecord<Map<String, String>>> records =
        readAll(
            "{\"value\": [\n {\"n\": \""
                + "y".repeat(5_000)
                + "\", \"after\": [1, {\"deep\": true}]},\n {\"n\": 2}\n]}\n");

    assertThat(records).extracting(ParsedRecord::line).containsExactly(2L, 3L);
    assertThat(records.get(0).rejection()).isEqualTo("n is longer than 100 characters (5000)");
    assertThat(records.get(1).value()).isEqualTo(Map.of("n", "2"));
  }

  @Test
  void aRecordOfTooManyValuesIsRejectedAndReadingGoesOn() throws Exception {
    String many = "[" + "1,".repeat(150) + "1]";
    List<ParsedRecord<Map<String, String>>> lines =
        readAll("{\"big\": " + many + "}\n{\"n\": 1}\n");
    List<ParsedRecord<Map<String, String>>> document =
        readAll("[{\"big\": " + many + "},\n{\"n\": 1}]");

    for (List<ParsedRecord<Map<String, String>>> records : List.of(lines, document)) {
      assertThat(records.get(0).rejection()).isEqualTo("the record holds more than 100 values");
      assertThat(records.get(1).value()).isEqualTo(Map.of("n", "1"));
    }
  }

  @Test
  void aStringBeyondTheParsersBoundRejectsItsLineButEndsADocument() throws Exception {
    String huge = "z".repeat(2 * JsonRecords.MAX_STRING_CHARS);
    List<ParsedRecord<Map<String, String>>> records =
        readAll("{\"n\": \"" + huge + "\"}\n{\"n\": 1}\n{\"n\": 2}\n");

    assertThat(records).extracting(ParsedRecord::line).containsExactly(1L, 2L, 3L);
    assertThat(records.get(0).rejection()).startsWith("not valid JSON:");
    assertThatThrownBy(() -> readAll("[{\"n\": 1},\n{\"n\": \"" + huge + "\"}]"))
        .isInstanceOf(DocumentException.class)
        .satisfies(e -> assertThat(((DocumentException) e).line()).isEqualTo(2));
  }

  @Test
  void aSyntaxErrorInsideADocumentStopsReadingAtItsLine() {
    assertThatThrownBy(() -> readAll("[\n{\"n\": 1},\n{\"n\" 2}\n]"))
        .isInstanceOf(DocumentException.class)
        .satisfies(e -> assertThat(((DocumentException) e).line()).isEqualTo(3))
        .satisfies(e -> assertThat(((DocumentException) e).truncated()).isFalse());
  }

  @Test
  void aDocumentCutShortIsReportedAsTruncated() {
    assertThatThrownBy(() -> readAll("{\"value\": [\n{\"n\": 1},\n{\"n\": 2"))
        .isInstanceOf(DocumentException.class)
        .satisfies(e -> assertThat(((DocumentException) e).truncated()).isTrue());
  }

  @Test
  void contentAfterTheResponseBodyStopsReading() {
    assertThatThrownBy(() -> readAll("{\"value\": [{\"n\": 1}]}\n{\"n\": 2}\n"))
        .isInstanceOf(DocumentException.class)
        .hasMessageContaining("unexpected content after the end of the records");
  }

  @Test
  void aFirstValueSpanningLinesIsReadAsAStreamOfValues() throws Exception {
    List<ParsedRecord<Map<String, String>>> records =
        readAll("{\n  \"n\": 1\n}\n{\n  \"n\": 2\n}\n");

    assertThat(records).extracting(ParsedRecord::line).containsExactly(1L, 4L);
    assertThat(records.get(1).value()).isEqualTo(Map.of("n", "2"));
  }

  @Test
  void aRecordThatIsNoObjectIsRejectedNamingWhatItIs() throws Exception {
    List<ParsedRecord<Map<String, String>>> records =
        readAll("{\"n\": 0}\n[1, 2]\n\"text\"\n{\"n\": 3}\n");

    assertThat(records)
        .extracting(ParsedRecord::rejection)
        .containsExactly(
            null,
            "a test record must be a JSON object, found an array",
            "a test record must be a JSON object, found a string",
            null);
  }

  private static List<ParsedRecord<Map<String, String>>> readAll(String text) throws IOException {
    JsonRecords<Map<String, String>> records =
        new JsonRecords<>(new StringReader(text), new Scalars());
    List<ParsedRecord<Map<String, String>>> all = new ArrayList<>();
    ParsedRecord<Map<String, String>> record;
    while ((record = records.next()) != null) {
      all.add(record);
    }
    return all;
  }

  /** A record's scalar members as text; arrays and objects are skipped. */
  private static final class Scalars implements JsonRecordMapper<Map<String, String>> {
    private final JsonFields fields = new JsonFields(MAX_CHARS, MAX_VALUES);
    private Map<String, String> members;
    private JsonParser parser;

    @Override
    public String what() {
      return "a test record";
    }

    @Override
    public void start(JsonParser parser) {
      this.parser = parser;
      fields.start(parser);
      members = new LinkedHashMap<>();
    }

    @Override
    public void member(String name, JsonParser ignored) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
        fields.skip();
      } else if (token == JsonToken.VALUE_STRING) {
        String text = fields.string(name);
        if (text != null) {
          members.put(name, text);
        }
      } else {
        members.put(name, parser.getText());
      }
    }

    @Override
    public ParsedRecord<Map<String, String>> finish(long line) {
      return fields.problem() != null
          ? ParsedRecord.rejected(line, fields.problem())
          : ParsedRecord.accepted(line, Map.copyOf(members));
    }
  }
}
