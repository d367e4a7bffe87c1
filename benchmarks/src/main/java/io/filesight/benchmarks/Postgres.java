package io.filesight.benchmarks;

import io.filesight.adapter.persistence.postgres.PostgresSettings;

/**
 * The PostgreSQL of the benchmarks: the local cluster {@code benchmarks/run.sh --postgres} starts,
 * reached as {@code PGUSER} (default {@code postgres}) with {@code PGPASSWORD} (default none: the
 * cluster trusts local connections).
 */
final class Postgres {
  private Postgres() {}

  static PostgresSettings settings(String url) {
    String user = System.getenv().getOrDefault("PGUSER", "postgres");
    String password = System.getenv().getOrDefault("PGPASSWORD", "");
    return PostgresSettings.of(url, user, password);
  }
}
