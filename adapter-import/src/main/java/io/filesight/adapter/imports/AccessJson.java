package io.filesight.adapter.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.Role;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads an access file: {@code {"machineGroups": [{"id", "name", "rank", "assignedUserGroups"}],
 * "roles": [{"name", "permissions", "assignedUserGroups"}]}}, other keys ignored. Any problem fails
 * the whole file, naming its line: a half-read RBAC configuration would show users the wrong
 * machines.
 */
final class AccessJson {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(JsonRecords.MAX_STRING_CHARS)
                  .maxNestingDepth(JsonRecords.MAX_DEPTH)
                  .build())
          .build();

  private final String source;
  private final JsonFields fields;
  private JsonParser parser;

  private AccessJson(String source, int maxChars, int maxValues) {
    this.source = source;
    this.fields = new JsonFields(maxChars, maxValues);
  }

  /**
   * The configuration {@code text} describes.
   *
   * @throws ImportFailedException naming {@code source} and the line of the first problem
   */
  static AccessConfiguration read(String source, Reader text, int maxChars, int maxValues)
      throws IOException {
    return new AccessJson(source, maxChars, maxValues).read(text);
  }

  private AccessConfiguration read(Reader text) throws IOException {
    List<MachineGroupAccess> groups = new ArrayList<>();
    List<Role> roles = new ArrayList<>();
    try (JsonParser json = JSON.createParser(text)) {
      parser = json;
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw failure("the access file must be a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        json.nextToken();
        if ("machineGroups".equals(name)) {
          requireArray(name);
          while (json.nextToken() != JsonToken.END_ARRAY) {
            groups.add(group(json.currentTokenLocation().getLineNr(), groups.size()));
          }
        } else if ("roles".equals(name)) {
          requireArray(name);
          while (json.nextToken() != JsonToken.END_ARRAY) {
            roles.add(role(json.currentTokenLocation().getLineNr()));
          }
        } else {
          json.skipChildren();
        }
      }
      if (json.nextToken() != null) {
        throw failure("unexpected content after the access object");
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ImportFailedException(source, line, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    try {
      return AccessConfiguration.of(groups, roles);
    } catch (IllegalArgumentException e) {
      throw new ImportFailedException(source, 0, e.getMessage());
    }
  }

  private void requireArray(String name) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw failure(name + " must be an array");
    }
  }

  private MachineGroupAccess group(long line, int index) throws IOException {
    long id = -1;
    boolean hasId = false;
    String name = null;
    Long rank = null;
    List<String> users = List.of();
    requireObject(line, "a machine group");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      switch (key) {
        case "id":
          Long read = fields.wholeNumber(key);
          hasId = read != null;
          id = hasId ? read : -1;
          break;
        case "name":
          name = fields.string(key);
          break;
        case "rank":
          rank = fields.wholeNumber(key);
          break;
        case "assignedUserGroups":
          users = fields.strings(key);
          break;
        default:
          fields.skip();
      }
    }
    if (!hasId) {
      fields.reject("missing id");
    }
    if (name == null || name.isEmpty()) {
      fields.reject("missing name");
    }
    problem(line, "machineGroups");
    try {
      return new MachineGroupAccess(
          new MachineGroup(id, name, rank == null ? index + 1 : rank.intValue()),
          new LinkedHashSet<>(users));
    } catch (IllegalArgumentException e) {
      throw new ImportFailedException(source, line, "in machineGroups: " + e.getMessage());
    }
  }

  private Role role(long line) throws IOException {
    String name = null;
    List<String> permissions = List.of();
    List<String> users = List.of();
    requireObject(line, "a role");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      switch (key) {
        case "name":
          name = fields.string(key);
          break;
        case "permissions":
          permissions = fields.strings(key);
          break;
        case "assignedUserGroups":
          users = fields.strings(key);
          break;
        default:
          fields.skip();
      }
    }
    if (name == null || name.isEmpty()) {
      fields.reject("missing name");
    }
    problem(line, "roles");
    try {
      return new Role(name, new LinkedHashSet<>(permissions), new LinkedHashSet<>(users));
    } catch (IllegalArgumentException e) {
      throw new ImportFailedException(source, line, "in roles: " + e.getMessage());
    }
  }

  /** Starts reading an item, which must be an object. */
  private void requireObject(long line, String what) {
    fields.start(parser);
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new ImportFailedException(
          source,
          line,
          what + " must be a JSON object, found " + JsonFields.typeOf(parser.currentToken()));
    }
  }

  private void problem(long line, String array) {
    if (fields.problem() != null) {
      throw new ImportFailedException(source, line, "in " + array + ": " + fields.problem());
    }
  }

  private ImportFailedException failure(String message) {
    return new ImportFailedException(source, parser.currentTokenLocation().getLineNr(), message);
  }
}
