package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.FileHash;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The migrations are portable SQL: the scripts SQLite runs also migrate a real PostgreSQL, and the
 * upsert statements of the importer run there unchanged.
 */
class PortableMigrationsTest {

  @Test
  void theSameMigrationsAndUpsertsRunOnPostgresql() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      MigrateResult result =
          Flyway.configure()
              .dataSource(postgres.getPostgresDatabase())
              .locations("classpath:db/migration")
              .load()
              .migrate();

      assertThat(result.success).isTrue();
      assertThat(result.targetSchemaVersion).isEqualTo("4");
      try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
        connection.setAutoCommit(false);
        Machine machine =
            Machine.builder(MachineId.of("4".repeat(40)))
                .computerDnsName("pg-1.contoso.com")
                .firstSeen(Instant.parse("2024-03-01T08:15:02.1234567Z"))
                .isAadJoined(true)
                .rbacGroupId(140)
                .healthStatus(HealthStatus.ACTIVE)
                .machineTags(List.of("vip"))
                .ipAddresses(List.of(new IpAddress("10.0.0.1", null, "Ethernet", "Up")))
                .build();
        Observation observation =
            new Observation(
                FileHash.parse("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"),
                null,
                null,
                "a.exe",
                machine.id(),
                Instant.parse("2024-05-01T10:00:00Z"));
        WriteCounts first =
            StoreWrites.upsertMachines(connection, List.of(machine))
                .plus(StoreWrites.upsertObservations(connection, List.of(observation)));
        WriteCounts again =
            StoreWrites.upsertMachines(connection, List.of(machine))
                .plus(StoreWrites.upsertObservations(connection, List.of(observation)));
        connection.commit();

        assertThat(first).isEqualTo(new WriteCounts(2, 0));
        assertThat(again).isEqualTo(new WriteCounts(0, 1));
        try (Statement statement = connection.createStatement();
            ResultSet rows =
                statement.executeQuery(
                    "SELECT m.computer_dns_name FROM observation o JOIN machine m"
                        + " ON m.id = o.machine_id")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo(machine.computerDnsName());
        }
      }
    }
  }
}
