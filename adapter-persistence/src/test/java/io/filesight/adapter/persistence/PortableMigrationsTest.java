package io.filesight.adapter.persistence;

import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.FIRST_SEEN;
import static io.filesight.domain.MachineProperty.HEALTH_STATUS;
import static io.filesight.domain.MachineProperty.IP_ADDRESSES;
import static io.filesight.domain.MachineProperty.IS_AAD_JOINED;
import static io.filesight.domain.MachineProperty.MACHINE_TAGS;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.FileHash;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The migrations are portable SQL: the scripts SQLite runs also migrate a real PostgreSQL, and the
 * machine upserts and the file upsert's conflict clause run there unchanged.
 */
class PortableMigrationsTest {

  @Test
  void theSameMigrationsAndUpsertsRunOnPostgresql() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      Flyway flyway =
          Flyway.configure()
              .dataSource(postgres.getPostgresDatabase())
              .locations("classpath:db/migration/common")
              .load();
      String latest =
          Arrays.stream(flyway.info().all())
              .map(MigrationInfo::getVersion)
              .max(Comparator.naturalOrder())
              .orElseThrow()
              .getVersion();
      MigrateResult result = flyway.migrate();

      assertThat(result.success).isTrue();
      assertThat(Integer.parseInt(latest)).isGreaterThanOrEqualTo(4);
      assertThat(result.targetSchemaVersion).isEqualTo(latest);
      try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
        connection.setAutoCommit(false);
        Machine machine =
            Machine.builder(MachineId.of("4".repeat(40)))
                .with(COMPUTER_DNS_NAME, "pg-1.contoso.com")
                .with(FIRST_SEEN, Instant.parse("2024-03-01T08:15:02.1234567Z"))
                .with(IS_AAD_JOINED, true)
                .with(RBAC_GROUP_ID, 140L)
                .with(HEALTH_STATUS, HealthStatus.ACTIVE)
                .with(MACHINE_TAGS, List.of("vip"))
                .with(IP_ADDRESSES, List.of(new IpAddress("10.0.0.1", null, "Ethernet", "Up")))
                .build();
        Observation observation =
            new Observation(
                FileHash.parse("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"),
                null,
                null,
                "a.exe",
                machine.id(),
                Instant.parse("2024-05-01T10:00:00Z"));
        StoredCounts first = StoreWrites.upsertMachines(connection, List.of(machine));
        StoredCounts again = StoreWrites.upsertMachines(connection, List.of(machine));
        try (PreparedStatement file =
                connection.prepareStatement(
                    "INSERT INTO seen_file (sha1, file_name) VALUES (?, ?)"
                        + StoreWrites.FILE_CONFLICT);
            PreparedStatement seen =
                connection.prepareStatement(
                    "INSERT INTO observation (sha1, machine_id, first_seen_ns, last_seen_ns)"
                        + " VALUES (?, ?, ?, ?)")) {
          for (int i = 0; i < 2; i++) {
            file.setString(1, observation.sha1().hex());
            file.setString(2, observation.fileName());
            file.executeUpdate();
          }
          seen.setString(1, observation.sha1().hex());
          seen.setString(2, observation.machine().value());
          seen.setLong(3, EpochNanos.of(observation.at()));
          seen.setLong(4, EpochNanos.of(observation.at()));
          seen.executeUpdate();
        }
        connection.commit();

        assertThat(first).isEqualTo(new StoredCounts(1, 0));
        assertThat(again).isEqualTo(new StoredCounts(0, 1));
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
