package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.bootstrap.cli.FilesightCli;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.domain.RateQuota;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --quota} on a SQLite file; a refused start exits 2 from the command line. */
class SqliteConfiguredQuotaTest extends ConfiguredQuotaContract {
  @Override
  DatabaseLocation database() {
    return new DatabaseLocation.SqliteFile(dir.resolve("filesight.db"), true);
  }

  @Test
  void serveWithAnotherQuotaThanTheStoredOneExits2WithOneLine() {
    start(RateQuota.defender(), false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        FilesightCli.run(
            Map.of("FILESIGHT_QUOTA", "3/1m"),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "serve",
            "--db",
            dir.resolve("filesight.db").toString(),
            "--jwks",
            jwks.toString(),
            "--tenant",
            TENANT,
            "--bind",
            "127.0.0.1",
            "--port",
            "0");

    assertThat(code).as(err.toString()).isEqualTo(FilesightCli.USAGE);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .contains("--quota (FILESIGHT_QUOTA): asks for 3/60s")
        .contains("stores 100/60s,1500/3600s");
  }
}
