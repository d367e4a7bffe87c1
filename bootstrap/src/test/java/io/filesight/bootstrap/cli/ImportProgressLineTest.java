package io.filesight.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.in.ImportProgress;
import io.filesight.application.port.in.RejectedRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ImportProgressLineTest {

  @Test
  void showsRecordsShareOfTheFileAndRate() {
    ImportProgress progress = new ImportProgress(12_345, 370, OptionalLong.of(1000), 51_234.4);

    assertThat(ImportCommand.ConsoleProgress.line(progress))
        .isEqualTo("12,345 records (37%), 51,234 records/s");
  }

  @Test
  void leavesTheShareOutWhenTheSizeIsUnknown() {
    ImportProgress progress = new ImportProgress(10, 99, OptionalLong.empty(), 5);

    assertThat(ImportCommand.ConsoleProgress.line(progress)).isEqualTo("10 records, 5 records/s");
  }

  @Test
  void drawsProgressOnlyOnATerminalButRejectionsAlways() {
    StringWriter piped = new StringWriter();
    ImportCommand.ConsoleProgress console =
        new ImportCommand.ConsoleProgress(new PrintWriter(piped, true), false);

    console.progress(new ImportProgress(1, 1, OptionalLong.of(2), 1));
    console.rejected(new RejectedRecord("obs.csv", 7, "bad SHA1"));

    assertThat(piped.toString())
        .isEqualTo("obs.csv:7: rejected: bad SHA1" + System.lineSeparator());
  }
}
