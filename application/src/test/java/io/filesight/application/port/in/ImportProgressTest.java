package io.filesight.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

  @Test
  void percentIsTheShareOfTheFileRead() {
    assertThat(new ImportProgress(10, 370, OptionalLong.of(1000), 1).percent()).hasValue(37);
  }

  @Test
  void percentNeverPassesAHundredWhenTheFileGrewWhileRead() {
    assertThat(new ImportProgress(10, 1500, OptionalLong.of(1000), 1).percent()).hasValue(100);
  }

  @Test
  void percentOfAnEmptyFileIsAHundred() {
    assertThat(new ImportProgress(0, 0, OptionalLong.of(0), 0).percent()).hasValue(100);
  }

  @Test
  void percentIsUnknownWithoutASize() {
    assertThat(new ImportProgress(10, 370, OptionalLong.empty(), 1).percent()).isEmpty();
  }
}
