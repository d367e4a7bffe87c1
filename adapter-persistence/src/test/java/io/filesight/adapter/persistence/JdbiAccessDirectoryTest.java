package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiAccessDirectoryTest {
  @TempDir Path directory;

  @Test
  void aCachedConfigurationIsReplacedAsSoonAsAnotherProcessImportsOne() {
    Path file = directory.resolve("filesight.db");
    try (SqliteDatabase server = SqliteDatabase.open(file, true);
        SqliteDatabase importer = SqliteDatabase.open(file, false)) {
      JdbiAccessDirectory serving = new JdbiAccessDirectory(server);
      AccessConfiguration before = serving.accessConfiguration();
      AccessConfiguration imported =
          AccessConfiguration.of(
              List.of(new MachineGroupAccess(new MachineGroup(140, "Finance", 1), Set.of("g"))),
              List.of(new Role("Tier 1", Set.of(Role.VIEW_DATA), Set.of("g"))));

      new JdbiAccessDirectory(importer).replace(imported);

      assertThat(before).isEqualTo(AccessConfiguration.unconfigured());
      assertThat(serving.accessConfiguration()).isEqualTo(imported);
      assertThat(serving.accessConfiguration()).isSameAs(serving.accessConfiguration());
    }
  }
}
