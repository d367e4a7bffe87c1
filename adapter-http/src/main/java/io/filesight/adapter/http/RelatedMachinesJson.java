package io.filesight.adapter.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.filesight.domain.Machine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Streams the OData collection envelope {@code {"@odata.context", "value": [...],
 * "@odata.nextLink"}} machine by machine, so a file seen on thousands of machines never needs its
 * whole answer in one buffer.
 */
final class RelatedMachinesJson {
  private RelatedMachinesJson() {}

  static void write(
      OutputStream out, String context, List<Machine> machines, Optional<String> nextLink)
      throws IOException {
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeStringField("@odata.context", context);
      json.writeArrayFieldStart("value");
      for (Machine machine : machines) {
        MachineJson.write(machine, json);
      }
      json.writeEndArray();
      if (nextLink.isPresent()) {
        json.writeStringField("@odata.nextLink", nextLink.get());
      }
      json.writeEndObject();
    }
  }
}
