package io.filesight.adapter.persistence.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  @Test
  void readsEveryKindOfValueInKeyOrder() throws Exception {
    Object value =
        read(
            "{\"s\": \"a\\\"b\\u00e9\\n\", \"n\": -1.5e3, \"t\": true, \"f\": false, \"z\": null,"
                + " \"a\": [1, {\"k\": []}], \"o\": {}}");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"bé\n");
    expected.put("n", new JsonNumber("-1.5e3"));
    expected.put("t", true);
    expected.put("f", false);
    expected.put("z", null);
    expected.put("a", List.of(new JsonNumber("1"), Map.of("k", List.of())));
    expected.put("o", Map.of());
    assertThat(value).isEqualTo(expected);
  }

  @Test
  void writerOutputReadsBackTheSame() throws Exception {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("text", "quote \" backslash \\ tab \t control \u0001 ünïcode");
    tree.put("list", Arrays.asList("x", null, new JsonNumber("42")));

    assertThat(read(JsonWriter.write(tree))).isEqualTo(tree);
  }

  @Test
  void longStringsBecomeOversizedAndReadingContinues() throws Exception {
    JsonReader reader =
        new JsonReader(new StringReader("[\"" + "x".repeat(20) + "\", \"ok\"]"), 10);

    assertThat(reader.readValue(100)).isEqualTo(List.of(new Oversized(20), "ok"));
  }

  @Test
  void valuesOverTheCountLimitAreOversizedButConsumed() throws Exception {
    JsonReader reader = new JsonReader(new StringReader("[1, 2, 3, 4] {\"next\": 1}"), 10);

    assertThat(reader.readValue(3)).isInstanceOf(Oversized.class);
    assertThat(reader.readValue(3)).isEqualTo(Map.of("next", new JsonNumber("1")));
  }

  @Test
  void tracksLinesOutsideStrings() throws Exception {
    JsonReader reader = new JsonReader(new StringReader("\n\n  {\"a\":\n 1}\n"), 10);

    reader.peek();
    assertThat(reader.line()).isEqualTo(3);
    reader.readValue(10);
    assertThat(reader.line()).isEqualTo(4);
  }

  @Test
  void reportsMalformedTextWithItsLine() {
    assertThatThrownBy(() -> read("{\"a\": 1,\n \"b\": tru}"))
        .isInstanceOfSatisfying(
            JsonSyntaxException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.truncated()).isFalse();
            });
    assertThatThrownBy(() -> read("{\"a\": 01}")).hasMessageContaining("malformed number");
    assertThatThrownBy(() -> read("{\"a\": \"tab\there\"}"))
        .hasMessageContaining("control character");
  }

  @Test
  void textEndingInsideAValueIsTruncated() {
    for (String cut :
        new String[] {"{\"a\": [1, 2", "{\"a\": \"unfinished", "{\"a\": tr", "{\"a\""}) {
      assertThatThrownBy(() -> read(cut))
          .isInstanceOfSatisfying(
              JsonSyntaxException.class, e -> assertThat(e.truncated()).isTrue());
    }
  }

  private static Object read(String text) throws Exception {
    return new JsonReader(new StringReader(text), 1000).readValue(1000);
  }
}
