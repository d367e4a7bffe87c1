package io.filesight.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The adapter's one Jackson configuration. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build());

  private Json() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A generator writing UTF-8 onto {@code out}; closing it flushes but leaves {@code out} open. */
  static JsonGenerator generator(OutputStream out) throws IOException {
    return MAPPER.getFactory().createGenerator(out);
  }
}
