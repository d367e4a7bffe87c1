package io.filesight.adapter.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.filesight.application.port.in.ParsedRecord;
import java.io.IOException;
import java.io.Reader;

/**
 * Splits a JSON file into records with jackson-core's streaming parser, one at a time: a Defender
 * response body ({@code {"value": [...]}}, other members ignored), a top-level array, or JSON Lines
 * (one value per line).
 *
 * <p>The first value decides: a response body or an array is one document, where a syntax error
 * stops the import since there is no safe place to resume. A first value that starts and ends on
 * one line (or is malformed within that line) makes the file JSON Lines, read with a parser per
 * line over a {@link LineFencedReader}: a malformed line is one bad record, and reading resumes at
 * the next line. A first value spanning several lines is taken as a stream of JSON values, read
 * like a document.
 *
 * <p>{@link StreamReadConstraints} are the outer safety bound on what the parser holds (a string of
 * {@link #MAX_STRING_CHARS}, {@link #MAX_DEPTH} levels): a parser that hits one cannot go on, which
 * ends a document and rejects a JSON Lines line. The caps that reject a record and go on (a field's
 * length, a record's values) are the mapper's ({@link JsonFields}).
 */
final class JsonRecords<T> implements RecordReader<T> {
  /** The longest string the parser reads, in characters; far beyond any Defender field. */
  static final int MAX_STRING_CHARS = 1 << 20;

  /** The deepest nesting the parser reads. */
  static final int MAX_DEPTH = 64;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(MAX_STRING_CHARS)
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(64)
                  .build())
          // Parsers come and go per line; the file stays open until the import ends.
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private enum State {
    FIRST,
    LINES,
    IN_ARRAY,
    STREAM,
    END
  }

  private final LineFencedReader lines;
  private final JsonRecordMapper<T> mapper;
  private JsonParser document;
  private State state = State.FIRST;
  private boolean wrapped;

  JsonRecords(Reader text, JsonRecordMapper<T> mapper) {
    this.lines = new LineFencedReader(text);
    this.mapper = mapper;
  }

  /**
   * A JSON syntax error where no record boundary is left to resume at.
   *
   * @param truncated whether the text ended inside a value
   */
  static final class DocumentException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;
    private final boolean truncated;

    DocumentException(long line, String message, boolean truncated, Throwable cause) {
      super(message, cause);
      this.line = line;
      this.truncated = truncated;
    }

    long line() {
      return line;
    }

    boolean truncated() {
      return truncated;
    }
  }

  @Override
  public ParsedRecord<T> next() throws IOException {
    try {
      switch (state) {
        case FIRST:
          return first();
        case LINES:
          return nextLine();
        case IN_ARRAY:
          return nextInArray();
        case STREAM:
          return nextInStream();
        default:
          return null;
      }
    } catch (JsonProcessingException e) {
      state = State.END;
      throw new DocumentException(
          lineOf(e), e.getOriginalMessage(), e instanceof JsonEOFException, e);
    }
  }

  private ParsedRecord<T> first() throws IOException {
    document = JSON.createParser(lines);
    JsonToken token = document.nextToken();
    if (token == null) {
      state = State.END;
      return null;
    }
    long line = document.currentTokenLocation().getLineNr();
    try {
      if (token == JsonToken.START_ARRAY) {
        state = State.IN_ARRAY;
        return nextInArray();
      }
      ParsedRecord<T> record;
      if (token == JsonToken.START_OBJECT) {
        mapper.start(document);
        while (document.nextToken() != JsonToken.END_OBJECT) {
          String name = document.currentName();
          JsonToken value = document.nextToken();
          // Only the first object may be a response body wrapping the records.
          if ("value".equals(name) && value == JsonToken.START_ARRAY) {
            wrapped = true;
            state = State.IN_ARRAY;
            return nextInArray();
          }
          mapper.member(name, document);
        }
        record = mapper.finish(line);
      } else {
        record = notAnObject(document, line);
      }
      if (document.currentTokenLocation().getLineNr() != line) {
        state = State.STREAM;
        return record;
      }
      // One value on its first line: JSON Lines, and the rest of that line must be blank.
      lines.fence();
      state = State.LINES;
      boolean blankAfter = document.nextToken() == null;
      document.close();
      return blankAfter ? record : afterTheRecord(line);
    } catch (JsonProcessingException e) {
      if (lineOf(e) != line) {
        throw e; // broken past its first line: a document, not a JSON Lines record
      }
      lines.fence();
      state = State.LINES;
      document.close();
      return malformed(line, e);
    }
  }

  private ParsedRecord<T> nextLine() throws IOException {
    while (lines.nextLine()) {
      long line = lines.line();
      try (JsonParser parser = JSON.createParser(lines)) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          continue; // a blank line
        }
        ParsedRecord<T> record = record(parser, token, line);
        return parser.nextToken() == null ? record : afterTheRecord(line);
      } catch (JsonProcessingException e) {
        return malformed(line, e);
      }
    }
    state = State.END;
    return null;
  }

  private ParsedRecord<T> nextInArray() throws IOException {
    JsonToken token = document.nextToken();
    if (token == JsonToken.END_ARRAY) {
      if (wrapped) {
        // The response body's members after "value", such as @odata.nextLink.
        while (document.nextToken() == JsonToken.FIELD_NAME) {
          document.nextToken();
          document.skipChildren();
        }
        if (document.currentToken() != JsonToken.END_OBJECT) {
          throw new DocumentException(
              document.currentTokenLocation().getLineNr(),
              "expected the end of the response body",
              document.currentToken() == null,
              null);
        }
      }
      if (document.nextToken() != null) {
        throw new DocumentException(
            document.currentTokenLocation().getLineNr(),
            "unexpected content after the end of the records",
            false,
            null);
      }
      state = State.END;
      return null;
    }
    if (token == null) {
      throw new DocumentException(lines.line(), "the text ends inside the array", true, null);
    }
    return record(document, token, document.currentTokenLocation().getLineNr());
  }

  private ParsedRecord<T> nextInStream() throws IOException {
    JsonToken token = document.nextToken();
    if (token == null) {
      state = State.END;
      return null;
    }
    return record(document, token, document.currentTokenLocation().getLineNr());
  }

  /** The record whose first token the parser is at, read to its end. */
  private ParsedRecord<T> record(JsonParser parser, JsonToken token, long line) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      return notAnObject(parser, line);
    }
    mapper.start(parser);
    while (parser.nextToken() != JsonToken.END_OBJECT) {
      String name = parser.currentName();
      parser.nextToken();
      mapper.member(name, parser);
    }
    return mapper.finish(line);
  }

  private ParsedRecord<T> notAnObject(JsonParser parser, long line) throws IOException {
    String found = JsonFields.typeOf(parser.currentToken());
    parser.skipChildren();
    return ParsedRecord.rejected(line, mapper.what() + " must be a JSON object, found " + found);
  }

  /**
   * The line of a parser's error: where it says, or, for a broken constraint (which has no
   * location), the line the text was read to.
   */
  private long lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? lines.line() : e.getLocation().getLineNr();
  }

  private static <T> ParsedRecord<T> afterTheRecord(long line) {
    return ParsedRecord.rejected(line, "not valid JSON: unexpected content after the record");
  }

  /** A JSON Lines record that is not JSON; the rest of its line is skipped by the next read. */
  private static <T> ParsedRecord<T> malformed(long line, JsonProcessingException e) {
    return ParsedRecord.rejected(
        line,
        e instanceof JsonEOFException
            ? "not valid JSON: the line ends inside a record (truncated?)"
            : "not valid JSON: " + e.getOriginalMessage());
  }
}
