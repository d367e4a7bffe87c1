package io.filesight.adapter.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Type-checked reads of one JSON record's member values, token by token, with the record-level
 * caps: a string over {@code maxChars} characters or a record of more than {@code maxValues} values
 * rejects the record. A rejection never stops the reading: each read consumes its whole value, so
 * the parser is always at the end of a value and the next record can be read.
 *
 * <p>The first problem of a record is kept ({@link #problem()}); reads after it still consume their
 * values but keep nothing.
 */
final class JsonFields {
  private final int maxChars;
  private final int maxValues;
  private JsonParser parser;
  private int values;
  private String problem;

  JsonFields(int maxChars, int maxValues) {
    this.maxChars = maxChars;
    this.maxValues = maxValues;
  }

  /** Starts a record read from {@code parser}, which is at the record's first token. */
  void start(JsonParser parser) {
    this.parser = parser;
    this.values = 1;
    this.problem = null;
  }

  /** The first reason to reject the record, or null. */
  String problem() {
    return problem == null && values > maxValues
        ? "the record holds more than " + maxValues + " values"
        : problem;
  }

  /** Rejects the record for {@code reason}, unless it was rejected already. */
  void reject(String reason) {
    if (problem == null) {
      problem = reason;
    }
  }

  /** The string at the parser's current token, null for JSON null. */
  String string(String key) throws IOException {
    JsonToken token = parser.currentToken();
    values++;
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      reject(key + " must be a string, found " + typeOf(token));
      skip();
      return null;
    }
    int length = parser.getTextLength();
    if (length > maxChars) {
      reject(key + " is longer than " + maxChars + " characters (" + length + ")");
      return null;
    }
    return parser.getText();
  }

  /** true or false at the current token; false for JSON null. */
  boolean bool(String key) throws IOException {
    JsonToken token = parser.currentToken();
    values++;
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    if (token != JsonToken.VALUE_NULL) {
      reject(key + " must be true or false, found " + typeOf(token));
      skip();
    }
    return false;
  }

  /** A whole number that fits a long at the current token; null for JSON null. */
  Long wholeNumber(String key) throws IOException {
    JsonToken token = parser.currentToken();
    values++;
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      reject(key + " must be a number, found " + typeOf(token));
      skip();
      return null;
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      reject(key + " must be a whole number, found " + parser.getText());
      return null;
    }
    return parser.getLongValue();
  }

  /** An array of strings at the current token; empty for JSON null. */
  List<String> strings(String key) throws IOException {
    List<String> strings = new ArrayList<>();
    if (!enterArray(key)) {
      return strings;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonToken token = parser.currentToken();
      values++;
      if (token != JsonToken.VALUE_STRING) {
        reject(key + " must hold strings, found " + typeOf(token));
        skip();
      } else if (parser.getTextLength() > maxChars) {
        reject(key + " holds a string longer than " + maxChars + " characters");
      } else {
        strings.add(parser.getText());
      }
    }
    return strings;
  }

  /**
   * Steps into the array at the current token: true when its items follow, false for JSON null or a
   * value that is no array (then the record is rejected and the value consumed).
   */
  boolean enterArray(String key) throws IOException {
    JsonToken token = parser.currentToken();
    values++;
    if (token == JsonToken.START_ARRAY) {
      return true;
    }
    if (token != JsonToken.VALUE_NULL) {
      reject(key + " must be an array, found " + typeOf(token));
      skip();
    }
    return false;
  }

  /**
   * The members named {@code keys} of the object at the current token, as strings in that order;
   * others are skipped. Null for JSON null, or a value that is no object (then rejected).
   */
  String[] object(String what, List<String> keys) throws IOException {
    JsonToken token = parser.currentToken();
    values++;
    if (token != JsonToken.START_OBJECT) {
      if (token != JsonToken.VALUE_NULL) {
        reject(what + " must be a JSON object, found " + typeOf(token));
        skip();
      }
      return null;
    }
    String[] members = new String[keys.size()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      int index = keys.indexOf(name);
      if (index >= 0) {
        members[index] = string(name);
      } else {
        skip();
      }
    }
    return members;
  }

  /** Consumes the value at the current token, counting its values. */
  void skip() throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken next = parser.nextToken();
      if (next == null) {
        return; // the parser reports the end of the text where the caller reads on
      }
      if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
        depth++;
        values++;
      } else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
        depth--;
      } else if (next != JsonToken.FIELD_NAME) {
        values++;
      }
    }
  }

  /** How a value of this token's type is named in a rejection. */
  static String typeOf(JsonToken token) {
    switch (token) {
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case START_ARRAY:
        return "an array";
      case START_OBJECT:
        return "an object";
      default:
        return "null";
    }
  }
}
