package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MachineIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
        "1E5BC9D7E413DDD7902C2932E418702B84D0CC07"
      })
  void acceptsFortyHexDigitsAsLowercase(String value) {
    assertThat(MachineId.of(value).value()).isEqualTo("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "d41d8cd98f00b204e9800998ecf8427e",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0z",
        "1e5bc9d7e413ddd7902c2932e418702b84d0cc0\uff10"
      })
  void rejectsAnythingElseCarryingTheValue(String value) {
    assertThatThrownBy(() -> MachineId.of(value))
        .isInstanceOfSatisfying(
            InvalidMachineIdException.class, e -> assertThat(e.value()).isEqualTo(value));
  }
}
