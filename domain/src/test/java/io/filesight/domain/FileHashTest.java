package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileHashTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "1e5bc9d7e413ddd7902c2932e418702b84d0cc07, SHA1",
    "1E5BC9D7E413DDD7902C2932E418702B84D0CC07, SHA1",
    "d41d8cd98f00b204e9800998ecf8427e, MD5",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, SHA256",
  })
  void parsesEachAlgorithmByLength(String value, HashAlgorithm algorithm) {
    FileHash hash = FileHash.parse(value);

    assertThat(hash.algorithm()).isEqualTo(algorithm);
    assertThat(hash.hex()).isEqualTo(value.toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "xyz",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0", // 39
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc077", // 41
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0g",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0 ",
        " 1e5bc9d7e413ddd7902c2932e418702b84d0cc0",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0\n",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0/",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0\uff11", // full-width digit one
        "\uff11e5bc9d7e413ddd7902c2932e418702b84d0cc0",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0\u0661", // Arabic-Indic digit one
        "../../../../../../../../../../etc/passwd",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc07;x=1",
      })
  void rejectsAnythingButAsciiHexOfAKnownLength(String value) {
    assertThatThrownBy(() -> FileHash.parse(value))
        .isInstanceOfSatisfying(
            InvalidFileHashException.class, e -> assertThat(e.value()).isEqualTo(value))
        .hasMessage("Hash value " + value + " is invalid");
  }

  @ParameterizedTest
  @NullSource
  void rejectsNull(String value) {
    assertThatThrownBy(() -> FileHash.parse(value)).isInstanceOf(InvalidFileHashException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ABCDEF0123456789ABCDEF0123456789ABCDEF01"})
  void lowercasesWithTheRootLocaleWhateverTheDefault(String value) {
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      assertThat(FileHash.parse(value).hex()).isEqualTo("abcdef0123456789abcdef0123456789abcdef01");
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "SHA1, d41d8cd98f00b204e9800998ecf8427e",
    "MD5, 1e5bc9d7e413ddd7902c2932e418702b84d0cc07"
  })
  void constructorRejectsALengthThatDoesNotMatchTheAlgorithm(HashAlgorithm algorithm, String hex) {
    assertThatThrownBy(() -> new FileHash(algorithm, hex))
        .isInstanceOf(InvalidFileHashException.class);
  }
}
