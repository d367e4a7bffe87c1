package io.filesight.adapter.persistence.json;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict streaming JSON reader that tracks line numbers. The caller walks the outer structure
 * token by token and reads each record as a small tree: objects are {@link Map}s in key order,
 * arrays {@link List}s, numbers {@link JsonNumber}, strings longer than the limit {@link
 * Oversized}, and JSON null is Java null. Memory is bounded by the largest record, not by the text.
 */
public final class JsonReader implements Closeable {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_NUMBER_CHARS = 64;

  private final Reader in;
  private final int maxStringChars;
  private final char[] buffer;
  private int position;
  private int limit;
  private long line = 1;
  private int nodes;
  private int maxNodes;

  /** Reads {@code in}; strings over {@code maxStringChars} become {@link Oversized}. */
  public JsonReader(Reader in, int maxStringChars) {
    this(in, maxStringChars, 1 << 16);
  }

  private JsonReader(Reader in, int maxStringChars, int bufferChars) {
    this.in = in;
    this.maxStringChars = maxStringChars;
    this.buffer = new char[bufferChars];
  }

  /** Reads one whole value from a short text, with a buffer sized to it. */
  public static Object parse(String text) throws IOException {
    JsonReader reader =
        new JsonReader(new StringReader(text), Integer.MAX_VALUE, Math.max(16, text.length()));
    Object value = reader.readValue(Integer.MAX_VALUE);
    if (reader.peek() >= 0) {
      throw new JsonSyntaxException(reader.line(), "unexpected content after the value", false);
    }
    return value;
  }

  /** The line of the next character to read, from 1. */
  public long line() {
    return line;
  }

  /** The next character after whitespace, not consumed; -1 at the end of the text. */
  public int peek() throws IOException {
    skipWhitespace();
    return fill() ? buffer[position] : -1;
  }

  /** Consumes {@code c} after whitespace, or fails naming what was found. */
  public void expect(char c) throws IOException {
    int next = peek();
    if (next != c) {
      throw unexpected(next, "'" + c + "'");
    }
    position++;
  }

  /** Consumes {@code c} when it is the next character after whitespace. */
  public boolean consumeIf(char c) throws IOException {
    if (peek() == c) {
      position++;
      return true;
    }
    return false;
  }

  /** Reads an object key and its colon. */
  public String readName() throws IOException {
    if (peek() != '"') {
      throw unexpected(peek(), "a quoted key");
    }
    position++;
    Object name = readStringBody();
    if (name instanceof Oversized) {
      throw new JsonSyntaxException(line, "a key is longer than " + maxStringChars, false);
    }
    expect(':');
    return (String) name;
  }

  /**
   * Reads one value as a tree of at most {@code maxValues} values. A larger value is read to its
   * end but returned as {@link Oversized}, so the text after it stays readable.
   */
  public Object readValue(int maxValues) throws IOException {
    nodes = 0;
    maxNodes = maxValues;
    Object value = value(0);
    return nodes > maxNodes ? new Oversized(nodes) : value;
  }

  /** Reads and discards one value. */
  public void skipValue() throws IOException {
    readValue(0);
  }

  /**
   * Reads and discards the rest of the text, counting its lines: after a syntax error, to resume
   * with the next text the underlying reader gives (the next line of JSON Lines).
   */
  public void skipRest() throws IOException {
    while (fill()) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          line++;
        }
      }
      position = limit;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private Object value(int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new JsonSyntaxException(line, "values are nested deeper than " + MAX_DEPTH, false);
    }
    nodes++;
    boolean keep = nodes <= maxNodes;
    int c = peek();
    switch (c) {
      case '{':
        position++;
        return object(depth, keep);
      case '[':
        position++;
        return array(depth, keep);
      case '"':
        position++;
        return readStringBody();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw unexpected(c, "a JSON value");
    }
  }

  private Map<String, Object> object(int depth, boolean keep) throws IOException {
    Map<String, Object> members = keep ? new LinkedHashMap<>() : null;
    if (consumeIf('}')) {
      return members;
    }
    do {
      String name = readName();
      Object member = value(depth + 1);
      if (keep) {
        members.put(name, member);
      }
    } while (consumeIf(','));
    expect('}');
    return members;
  }

  private List<Object> array(int depth, boolean keep) throws IOException {
    List<Object> items = keep ? new ArrayList<>() : null;
    if (consumeIf(']')) {
      return items;
    }
    do {
      Object item = value(depth + 1);
      if (keep) {
        items.add(item);
      }
    } while (consumeIf(','));
    expect(']');
    return items;
  }

  private Object readStringBody() throws IOException {
    StringBuilder text = new StringBuilder();
    long length = 0;
    while (true) {
      if (!fill()) {
        throw truncatedHere("inside a string");
      }
      char c = buffer[position++];
      if (c == '"') {
        return length > maxStringChars ? new Oversized(length) : text.toString();
      }
      if (c < 0x20) {
        throw new JsonSyntaxException(line, "a control character inside a string", false);
      }
      if (c == '\\') {
        c = escape();
      }
      length++;
      if (length <= maxStringChars) {
        text.append(c);
      }
    }
  }

  private char escape() throws IOException {
    if (!fill()) {
      throw truncatedHere("inside a string");
    }
    char c = buffer[position++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        int code = 0;
        for (int i = 0; i < 4; i++) {
          if (!fill()) {
            throw truncatedHere("inside a string");
          }
          int digit = Character.digit(buffer[position++], 16);
          char raw = buffer[position - 1];
          if (digit < 0 || raw > 'f') {
            throw new JsonSyntaxException(line, "a bad \\u escape", false);
          }
          code = code * 16 + digit;
        }
        return (char) code;
      default:
        throw new JsonSyntaxException(line, "a bad escape \\" + c, false);
    }
  }

  private JsonNumber number() throws IOException {
    StringBuilder text = new StringBuilder();
    while (fill()) {
      char c = buffer[position];
      if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
        text.append(c);
        position++;
        if (text.length() > MAX_NUMBER_CHARS) {
          throw new JsonSyntaxException(line, "a number longer than " + MAX_NUMBER_CHARS, false);
        }
      } else {
        break;
      }
    }
    String number = text.toString();
    if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw new JsonSyntaxException(line, "a malformed number " + number, false);
    }
    return new JsonNumber(number);
  }

  private void literal(String word) throws IOException {
    for (int i = 0; i < word.length(); i++) {
      if (!fill()) {
        throw truncatedHere("inside " + word);
      }
      if (buffer[position++] != word.charAt(i)) {
        throw new JsonSyntaxException(line, "a malformed literal (expected " + word + ")", false);
      }
    }
  }

  private void skipWhitespace() throws IOException {
    while (fill()) {
      char c = buffer[position];
      if (c == '\n') {
        line++;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private boolean fill() throws IOException {
    if (position < limit) {
      return true;
    }
    int read = in.read(buffer, 0, buffer.length);
    while (read == 0) {
      read = in.read(buffer, 0, buffer.length);
    }
    if (read < 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  private JsonSyntaxException unexpected(int found, String expected) {
    if (found < 0) {
      return truncatedHere("where " + expected + " was expected");
    }
    String shown = found < 0x20 ? String.format("\\u%04x", found) : String.valueOf((char) found);
    return new JsonSyntaxException(
        line, "expected " + expected + " but found '" + shown + "'", false);
  }

  private JsonSyntaxException truncatedHere(String where) {
    return new JsonSyntaxException(line, "the text ends " + where + " (truncated?)", true);
  }
}
