package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.bootstrap.cli.FilesightCli;
import io.filesight.bootstrap.config.DatabaseLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code filesight verify --db FILE}: SQLite's full integrity check, exit 0 on a sound store, 1 on
 * a damaged one naming the damage, 2 when the setting names no SQLite file.
 */
class VerifyCommandTest {
  @TempDir Path dir;
  private Path store;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void store() throws Exception {
    store = dir.resolve("filesight.db");
    EndToEndContract.importData(dir, new DatabaseLocation.SqliteFile(store, true));
  }

  @Test
  void soundStoreExits0AndIsLeftUnchanged() throws Exception {
    byte[] before = Files.readAllBytes(store);

    assertThat(verify(store.toString())).isEqualTo(FilesightCli.OK);
    assertThat(out.toString()).contains("ok").contains(store.toString());
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }

  @Test
  void damagedStoreExits1NamingTheDamage() throws Exception {
    StoreFiles.corruptTable(store, "observation");

    assertThat(verify(store.toString())).isEqualTo(FilesightCli.FAILURE);
    assertThat(err.toString()).contains(store.toString()).contains("is damaged: ");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void missingFileExits2() {
    Path missing = dir.resolve("missing.db");

    assertThat(verify(missing.toString())).isEqualTo(FilesightCli.USAGE);
    assertThat(err.toString()).contains("--db").contains("no database file");
    assertThat(missing).doesNotExist();
  }

  @Test
  void postgresUrlExits2SayingItIsForSqliteFiles() {
    assertThat(verify("jdbc:postgresql://localhost/filesight")).isEqualTo(FilesightCli.USAGE);
    assertThat(err.toString()).contains("--db").contains("SQLite file");
  }

  private int verify(String db) {
    return FilesightCli.run(
        Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), "verify", "--db", db);
  }
}
