package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.contract.QuotaPolicyStoreContract;
import io.filesight.application.port.out.QuotaPolicyStore;
import io.filesight.domain.RateQuota;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The stored quota policy keeps the {@link QuotaPolicyStoreContract} on both engines, each
 * "instance" with its own connections to one database, and is read by schema inspection.
 */
class JdbiQuotaPolicyStoreContractTest {
  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
    opened.clear();
  }

  private <T extends Database> T opened(T database) {
    opened.add(database);
    return database;
  }

  @Nested
  class OnSqlite extends QuotaPolicyStoreContract {
    private Path file;

    @Override
    protected QuotaPolicyStore newStore() {
      try {
        Path directory = Files.createTempDirectory("filesight-quota-policy");
        directory.toFile().deleteOnExit();
        file = directory.resolve("filesight.db");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return new JdbiQuotaPolicyStore(opened(SqliteDatabase.open(file, true)));
    }

    @Override
    protected QuotaPolicyStore sameStore() {
      return new JdbiQuotaPolicyStore(opened(SqliteDatabase.open(file, false)));
    }

    @Test
    void inspectionReadsTheStoredPolicyWithoutOpeningTheDatabase() {
      newStore().storeIfAbsent(RateQuota.parse("3/60s"));

      assertThat(SqliteDatabase.inspect(file).quotaPolicy()).contains(RateQuota.parse("3/60s"));
    }

    @Test
    void aPolicyThisBuildCannotReadIsRefusedNamingTheWayOut() {
      newStore();
      SqliteDatabase database = opened(SqliteDatabase.open(file, false));
      database
          .writes()
          .useHandle(h -> h.execute("INSERT INTO quota_policy (id, policy) VALUES (1, '7/7y')"));

      assertThatThrownBy(() -> new JdbiQuotaPolicyStore(database).stored())
          .isInstanceOf(DatabaseConfigurationException.class)
          .hasMessageContaining("'7/7y'")
          .hasMessageContaining("--quota-replace");
    }
  }

  @Nested
  class OnPostgres extends QuotaPolicyStoreContract {
    private PostgresSettings settings;

    @Override
    protected QuotaPolicyStore newStore() {
      settings = TestPostgres.freshDatabase();
      return sameStore();
    }

    @Override
    protected QuotaPolicyStore sameStore() {
      PostgresDatabase database = opened(PostgresDatabase.create(settings));
      database.migrate();
      return new JdbiQuotaPolicyStore(database);
    }

    @Test
    void inspectionReadsTheStoredPolicy() {
      newStore().storeIfAbsent(RateQuota.parse("20/1m,400/1h"));

      try (PostgresDatabase other = PostgresDatabase.create(settings)) {
        assertThat(other.inspect().quotaPolicy()).contains(RateQuota.parse("20/60s,400/3600s"));
      }
    }
  }
}
