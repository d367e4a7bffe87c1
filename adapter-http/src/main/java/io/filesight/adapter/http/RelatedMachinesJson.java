package io.filesight.adapter.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.filesight.domain.Machine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Writes the OData collection envelope {@code {"@odata.context", "value": [...],
 * "@odata.nextLink"}} machine by machine, each machine's JSON taken from {@link RenderedMachines}.
 * Writes in small pieces: give it a buffered stream.
 */
final class RelatedMachinesJson {
  private static final byte[] CONTEXT = ascii("{\"@odata.context\":");
  private static final byte[] VALUE = ascii(",\"value\":[");
  private static final byte[] NEXT_LINK = ascii("],\"@odata.nextLink\":");
  private static final byte[] END_OF_VALUE = ascii("]");

  private RelatedMachinesJson() {}

  static void write(
      OutputStream out,
      String context,
      List<Machine> machines,
      Optional<String> nextLink,
      RenderedMachines rendered)
      throws IOException {
    out.write(CONTEXT);
    string(out, context);
    out.write(VALUE);
    for (int i = 0; i < machines.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(rendered.json(machines.get(i)));
    }
    if (nextLink.isPresent()) {
      out.write(NEXT_LINK);
      string(out, nextLink.get());
    } else {
      out.write(END_OF_VALUE);
    }
    out.write('}');
  }

  private static void string(OutputStream out, String text) throws IOException {
    out.write('"');
    out.write(JsonStringEncoder.getInstance().quoteAsUTF8(text));
    out.write('"');
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
