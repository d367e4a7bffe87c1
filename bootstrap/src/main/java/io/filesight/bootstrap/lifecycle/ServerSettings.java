package io.filesight.bootstrap.lifecycle;

import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@link FilesightServer} needs to start, validated.
 *
 * @param createDatabase whether a missing database file may be created (else start fails)
 */
public record ServerSettings(
    Path database, boolean createDatabase, TokenSettings tokens, HttpSettings http) {
  public ServerSettings {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(http, "http");
  }
}
