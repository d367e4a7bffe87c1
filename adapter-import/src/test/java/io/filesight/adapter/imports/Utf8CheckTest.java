package io.filesight.adapter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8CheckTest {
  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "C3 28", // a lead byte without its continuation
        "80", // a continuation byte alone
        "C0 AF", // overlong '/'
        "C1 BF", // overlong
        "E0 80 AF", // overlong '/' in three bytes
        "F0 80 80 AF", // overlong '/' in four bytes
        "ED A0 80", // a UTF-16 high surrogate
        "ED BF BF", // a UTF-16 low surrogate
        "F4 90 80 80", // U+110000, past the last code point
        "F5 80 80 80", // a lead byte no code point starts with
        "FF",
        "E2 82" // cut short by the end of the file
      })
  void findsEachMalformedSequenceAtItsOwnLine(String hex) throws Exception {
    Path file = write(hex);

    assertThat(Utf8Check.firstInvalidLine(file)).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "C2 80", // U+0080
        "DF BF", // U+07FF
        "E0 A0 80", // U+0800
        "ED 9F BF", // U+D7FF, just below the surrogates
        "EE 80 80", // U+E000, just above them
        "EF BB BF", // a byte order mark
        "F0 90 80 80", // U+10000
        "F4 8F BF BF" // U+10FFFF, the last code point
      })
  void acceptsEveryWellFormedSequence(String hex) throws Exception {
    assertThat(Utf8Check.firstInvalidLine(write(hex))).isEqualTo(-1);
    assertThat(
            StandardCharsets.UTF_8
                .newDecoder()
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(write(hex))))
                .length())
        .isPositive();
  }

  /** Two good lines, then the sequence on line 3. */
  private Path write(String hex) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("first\nsecond, caf\u00e9\nthird: ".getBytes(StandardCharsets.UTF_8));
    for (String b : hex.split(" ")) {
      bytes.write(Integer.parseInt(b, 16));
    }
    Path file = directory.resolve("f-" + hex.replace(' ', '-') + ".csv");
    return Files.write(file, bytes.toByteArray());
  }
}
