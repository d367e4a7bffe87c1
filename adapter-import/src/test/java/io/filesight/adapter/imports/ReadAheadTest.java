package io.filesight.adapter.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.port.in.ParsedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  private static final int RECORDS = 3 * ReadAhead.BLOCK_SIZE + 7;

  @Test
  void handsOverEveryRecordInOrderThenTheEnd() throws Exception {
    try (ReadAhead<Integer> source = new ReadAhead<>(numbers(RECORDS, null))) {
      List<Long> lines = new ArrayList<>();
      ParsedRecord<Integer> record;
      while ((record = source.next()) != null) {
        lines.add(record.line());
      }

      assertThat(lines).hasSize(RECORDS).isSortedAccordingTo(Long::compare);
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void aReadingFailureComesAfterTheRecordsReadBeforeIt() throws Exception {
    try (ReadAhead<Integer> source =
        new ReadAhead<>(numbers(RECORDS, new IOException("truncated")))) {
      for (int i = 0; i < RECORDS; i++) {
        assertThat(source.next().value()).isEqualTo(i);
      }

      assertThatThrownBy(source::next).isInstanceOf(IOException.class).hasMessage("truncated");
    }
  }

  @Test
  void closingStopsAReaderThatIsAhead() throws Exception {
    ReadAhead<Integer> source = new ReadAhead<>(numbers(Integer.MAX_VALUE, null));
    source.next();

    source.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("filesight-import-reader") && t.isAlive());
  }

  /** Records 0, 1, ... up to {@code count}, then the failure if there is one. */
  private static RecordReader<Integer> numbers(int count, IOException failure) {
    int[] next = {0};
    return () -> {
      if (next[0] < count) {
        int value = next[0]++;
        return ParsedRecord.accepted(value + 2L, value);
      }
      if (failure != null) {
        throw failure;
      }
      return null;
    };
  }
}
