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
import java.util.function.Supplier;

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
    List<MachineGroupAccess> groups = List.of();
    List<Role> roles = List.of();
    try (JsonParser json = JSON.createParser(text)) {
      parser = json;
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw failure("the access file must be a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        json.nextToken();
        if ("machineGroups".equals(name)) {
          groups = items(name, "a machine group", MachineGroupItem::new);
        } else if ("roles".equals(name)) {
          roles = items(name, "a role", RoleItem::new);
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

  /** One item of an array being read: its members one by one, then what they describe. */
  private interface Item<T> {
    /** Reads the member {@code key}; the parser is at its value. */
    void member(String key) throws IOException;

    /**
     * What the members describe; {@code index} is the item's position, from 0.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    T build(int index);
  }

  /**
   * The items of the array {@code name} at the current token, each an object; the first problem
   * fails the file at its item's line.
   */
  private <T> List<T> items(String name, String what, Supplier<Item<T>> newItem)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw failure(name + " must be an array");
    }
    List<T> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      long line = parser.currentTokenLocation().getLineNr();
      requireObject(line, what);
      Item<T> item = newItem.get();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        parser.nextToken();
        item.member(key);
      }
      if (fields.problem() == null) {
        try {
          items.add(item.build(items.size()));
        } catch (IllegalArgumentException e) {
          fields.reject(e.getMessage());
        }
      }
      if (fields.problem() != null) {
        throw new ImportFailedException(source, line, "in " + name + ": " + fields.problem());
      }
    }
    return items;
  }

  /** A machine group: {@code id} and {@code name} required, {@code rank} its position if absent. */
  private final class MachineGroupItem implements Item<MachineGroupAccess> {
    private Long id;
    private String name;
    private Long rank;
    private List<String> users = List.of();

    @Override
    public void member(String key) throws IOException {
      switch (key) {
        case "id":
          id = fields.wholeNumber(key);
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

    @Override
    public MachineGroupAccess build(int index) {
      if (id == null) {
        throw new IllegalArgumentException("missing id");
      }
      requireName(name);
      return new MachineGroupAccess(
          new MachineGroup(id, name, rank == null ? index + 1 : rank.intValue()),
          new LinkedHashSet<>(users));
    }
  }

  /** A role: {@code name} required. */
  private final class RoleItem implements Item<Role> {
    private String name;
    private List<String> permissions = List.of();
    private List<String> users = List.of();

    @Override
    public void member(String key) throws IOException {
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

    @Override
    public Role build(int index) {
      requireName(name);
      return new Role(name, new LinkedHashSet<>(permissions), new LinkedHashSet<>(users));
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("missing name");
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

  private ImportFailedException failure(String message) {
    return new ImportFailedException(source, parser.currentTokenLocation().getLineNr(), message);
  }
}
