package io.filesight.adapter.imports;

import com.fasterxml.jackson.core.JsonParser;
import io.filesight.application.port.in.ParsedRecord;
import java.io.IOException;

/**
 * Maps one JSON object to a domain record, member by member, as {@link JsonRecords} reads it: the
 * mapper reads each member's value to its end and decides at the end of the object. A bad value
 * rejects the record, never the reading.
 */
interface JsonRecordMapper<T> {

  /** What a record is, for rejections: "a machine". */
  String what();

  /** Starts a record; the parser is at its {@code START_OBJECT}. */
  void start(JsonParser parser);

  /** Reads the value of member {@code name}; the parser is at the value's first token. */
  void member(String name, JsonParser parser) throws IOException;

  /** The record read since {@link #start}, or why it cannot be imported. */
  ParsedRecord<T> finish(long line);
}
