package io.filesight.adapter.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws Exception {
    List<CsvRecord> records = read("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,last\n", 100);

    assertThat(records).hasSize(2);
    assertThat(records.get(0).fields()).containsExactly("a", "b, c", "say \"hi\"");
    assertThat(records.get(0).line()).isEqualTo(1);
    assertThat(records.get(1).fields()).containsExactly("multi\nline", "", "last");
    assertThat(records.get(1).line()).isEqualTo(2);
  }

  @Test
  void countsLinesAcrossEmbeddedBreaksAndSkipsBlankLines() throws Exception {
    List<CsvRecord> records = read("h1,h2\n\"x\ny\nz\",1\n\n\r\nlast,2", 100);

    assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 7L);
    assertThat(records.get(2).fields()).containsExactly("last", "2");
  }

  @Test
  void dropsFieldsOverTheLimitButKeepsReading() throws Exception {
    List<CsvRecord> records =
        read("ok," + "x".repeat(50) + ",\"" + "y".repeat(50) + "\"\nnext,1,2\n", 10);

    assertThat(records.get(0).fields()).containsExactly("ok", null, null);
    assertThat(records.get(1).fields()).containsExactly("next", "1", "2");
  }

  @Test
  void flagsTextAfterAClosingQuoteAndResumesAtTheNextRecord() throws Exception {
    List<CsvRecord> records = read("\"a\"b,c\nd,e\n", 100);

    assertThat(records.get(0).problem()).contains("after a closing quote");
    assertThat(records.get(1).fields()).containsExactly("d", "e");
    assertThat(records.get(1).problem()).isNull();
  }

  @Test
  void aFileEndingInsideQuotesIsTruncated() {
    assertThatThrownBy(() -> read("a,b\nc,\"unfinished\nmore", 100))
        .isInstanceOf(CsvReader.CsvTruncatedException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("truncated");
  }

  @Test
  void readsFieldsTheSameWhenTheyArriveInPieces() throws Exception {
    String text =
        "abc,\"q,1\",\r\n" + "x".repeat(12) + ",skipped-" + "s".repeat(20) + ",tail\n,,\nend";
    boolean[] skipped = {false, true};

    List<CsvRecord> whole = read(new StringReader(text), 10, skipped);
    List<CsvRecord> pieces = read(new TrickleReader(text, 3), 10, skipped);

    assertThat(whole)
        .extracting(CsvRecord::fields)
        .containsExactly(
            List.of("abc", "", ""),
            java.util.Arrays.asList(null, "", "tail"),
            List.of("", "", ""),
            List.of("end"));
    assertThat(pieces)
        .extracting(CsvRecord::fields)
        .containsExactlyElementsOf(whole.stream().map(CsvRecord::fields).toList());
    assertThat(pieces).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L, 4L);
  }

  /** Hands out at most {@code step} characters a read, so fields cross buffer refills. */
  private static final class TrickleReader extends java.io.Reader {
    private final String text;
    private final int step;
    private int position;

    TrickleReader(String text, int step) {
      this.text = text;
      this.step = step;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (position >= text.length()) {
        return -1;
      }
      int count = Math.min(Math.min(step, length), text.length() - position);
      text.getChars(position, position + count, buffer, offset);
      position += count;
      return count;
    }

    @Override
    public void close() {}
  }

  private static List<CsvRecord> read(java.io.Reader in, int maxField, boolean[] skipped)
      throws Exception {
    CsvReader reader = new CsvReader(in, maxField);
    reader.skip(skipped);
    List<CsvRecord> records = new ArrayList<>();
    CsvRecord record;
    while ((record = reader.next()) != null) {
      records.add(record);
    }
    return records;
  }

  private static List<CsvRecord> read(String text, int maxField) throws Exception {
    CsvReader reader = new CsvReader(new StringReader(text), maxField);
    List<CsvRecord> records = new ArrayList<>();
    CsvRecord record;
    while ((record = reader.next()) != null) {
      records.add(record);
    }
    return records;
  }
}
