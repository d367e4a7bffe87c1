package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.json.JsonReader;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an access file: {@code {"machineGroups": [{"id", "name", "rank", "assignedUserGroups"}],
 * "roles": [{"name", "permissions", "assignedUserGroups"}]}}. Any problem fails the whole file: a
 * half-read RBAC configuration would show users the wrong machines.
 */
final class AccessRecords {
  private final JsonReader reader;
  private final Path file;
  private final int maxChars;

  AccessRecords(JsonReader reader, Path file, int maxChars) {
    this.reader = reader;
    this.file = file;
    this.maxChars = maxChars;
  }

  AccessConfiguration read() throws IOException {
    List<MachineGroupAccess> groups = new ArrayList<>();
    List<Role> roles = new ArrayList<>();
    reader.expect('{');
    if (!reader.consumeIf('}')) {
      do {
        String name = reader.readName();
        if ("machineGroups".equals(name)) {
          readArray(name, (line, value) -> groups.add(group(line, value, groups.size())));
        } else if ("roles".equals(name)) {
          readArray(name, (line, value) -> roles.add(role(line, value)));
        } else {
          reader.skipValue();
        }
      } while (reader.consumeIf(','));
      reader.expect('}');
    }
    if (reader.peek() >= 0) {
      throw new ImportFailedException(
          file, reader.line(), "unexpected content after the access object");
    }
    Set<String> roleNames = new HashSet<>();
    for (Role role : roles) {
      if (!roleNames.add(role.name())) {
        throw new ImportFailedException(file, 0, "the role '" + role.name() + "' is listed twice");
      }
    }
    try {
      return AccessConfiguration.of(groups, roles);
    } catch (IllegalArgumentException e) {
      throw new ImportFailedException(file, 0, e.getMessage());
    }
  }

  private interface ItemSink {
    void accept(long line, Object value) throws RecordRejectedException;
  }

  private void readArray(String name, ItemSink sink) throws IOException {
    if (reader.peek() != '[') {
      throw new ImportFailedException(file, reader.line(), name + " must be an array");
    }
    reader.expect('[');
    if (reader.consumeIf(']')) {
      return;
    }
    do {
      reader.peek();
      long line = reader.line();
      try {
        sink.accept(line, reader.readValue(100_000));
      } catch (RecordRejectedException e) {
        throw new ImportFailedException(file, line, "in " + name + ": " + e.getMessage());
      }
    } while (reader.consumeIf(','));
    reader.expect(']');
  }

  private MachineGroupAccess group(long line, Object value, int index)
      throws RecordRejectedException {
    Fields f = Fields.of(value, "a machine group", maxChars);
    Long id = f.wholeNumber("id");
    if (id == null) {
      throw new RecordRejectedException("missing id");
    }
    Long rank = f.wholeNumber("rank");
    try {
      return new MachineGroupAccess(
          new MachineGroup(
              id, f.requiredString("name"), rank == null ? index + 1 : rank.intValue()),
          new LinkedHashSet<>(f.strings("assignedUserGroups")));
    } catch (IllegalArgumentException e) {
      throw new RecordRejectedException(e.getMessage());
    }
  }

  private Role role(long line, Object value) throws RecordRejectedException {
    Fields f = Fields.of(value, "a role", maxChars);
    try {
      return new Role(
          f.requiredString("name"),
          new LinkedHashSet<>(f.strings("permissions")),
          new LinkedHashSet<>(f.strings("assignedUserGroups")));
    } catch (IllegalArgumentException e) {
      throw new RecordRejectedException(e.getMessage());
    }
  }
}
