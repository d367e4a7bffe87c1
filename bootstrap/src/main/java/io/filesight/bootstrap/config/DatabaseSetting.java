package io.filesight.bootstrap.config;

import io.filesight.adapter.persistence.postgres.PostgresSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parses the database setting ({@code --db}, {@code FILESIGHT_DB}, {@code db=}) once: a SQLite file
 * path, or a {@code jdbc:postgresql:} URL. Credentials come from the URL ({@code ?user=&password=}
 * or {@code //user:password@host}), else from {@code FILESIGHT_DB_USER} and {@code
 * FILESIGHT_DB_PASSWORD} or the configuration file's {@code db-user} and {@code db-password}, never
 * from a flag (visible in {@code ps}); they are taken out of the URL, so nothing that logs the URL
 * can show the password.
 */
public final class DatabaseSetting {
  /** PostgreSQL connections an instance keeps unless told otherwise. */
  public static final int DEFAULT_POOL_SIZE = PostgresSettings.DEFAULT_POOL_SIZE;

  private static final String POSTGRES = "jdbc:postgresql:";

  private DatabaseSetting() {}

  /**
   * The database a command's {@code --db} names, with the user and password of the command's
   * environment ({@code FILESIGHT_DB_USER}, {@code FILESIGHT_DB_PASSWORD}) or configuration file
   * ({@code db-user}, {@code db-password}).
   */
  public static DatabaseLocation of(CommandSpec spec, String value, boolean createIfMissing) {
    return of(spec, "--db", value, createIfMissing);
  }

  /** The database that the command's option {@code option} names, as {@link #of} reads it. */
  public static DatabaseLocation of(
      CommandSpec spec, String option, String value, boolean createIfMissing) {
    String user = null;
    String password = null;
    if (spec.commandLine().getDefaultValueProvider()
        instanceof EnvironmentAndFileDefaults defaults) {
      user = defaults.unflagged("db-user");
      password = defaults.unflagged("db-password");
    }
    return parse(option, value, createIfMissing, user, password);
  }

  /**
   * The database {@code value} names.
   *
   * @param createIfMissing whether a missing SQLite file may be created
   * @param user the user when the URL names none (may be null)
   * @param password the password when the URL holds none (may be null)
   * @throws ConfigurationException naming {@code --db} when the value is no path or usable URL
   */
  public static DatabaseLocation parse(
      String value, boolean createIfMissing, String user, String password) {
    return parse("--db", value, createIfMissing, user, password);
  }

  /** The database {@code value}, given as the option {@code option}, names. */
  public static DatabaseLocation parse(
      String option, String value, boolean createIfMissing, String user, String password) {
    String text = Settings.required(option, value).strip();
    if (text.regionMatches(true, 0, POSTGRES, 0, POSTGRES.length())) {
      if (createIfMissing) {
        throw new ConfigurationException(
            Settings.describe("--create")
                + ": applies to a SQLite file only; create the PostgreSQL database with"
                + " createdb or CREATE DATABASE");
      }
      return postgres(option, text, user, password);
    }
    if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
      throw new ConfigurationException(
          Settings.describe(option)
              + ": invalid value '"
              + withoutQuery(text)
              + "': a SQLite file path or a jdbc:postgresql: URL");
    }
    return new DatabaseLocation.SqliteFile(Path.of(text), createIfMissing);
  }

  private static DatabaseLocation postgres(
      String option, String url, String user, String password) {
    String rest = url.substring(POSTGRES.length());
    int query = rest.indexOf('?');
    String target = query < 0 ? rest : rest.substring(0, query);
    List<String> kept = new ArrayList<>();
    String urlUser = null;
    String urlPassword = null;
    if (query >= 0) {
      for (String parameter : rest.substring(query + 1).split("&")) {
        if (parameter.isEmpty()) {
          continue;
        }
        int equals = parameter.indexOf('=');
        String key =
            (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
        String decoded = equals < 0 ? "" : decode(parameter.substring(equals + 1));
        if (key.equals("user")) {
          urlUser = decoded;
        } else if (key.equals("password")) {
          urlPassword = decoded;
        } else {
          kept.add(parameter);
        }
      }
    }
    // jdbc:postgresql://user:password@host:port/db, which the driver itself does not read.
    if (target.startsWith("//")) {
      int slash = target.indexOf('/', 2);
      String authority = slash < 0 ? target.substring(2) : target.substring(2, slash);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        if (colon >= 0) {
          urlPassword = decode(userInfo.substring(colon + 1));
        }
        target = "//" + authority.substring(at + 1) + (slash < 0 ? "" : target.substring(slash));
      }
    }
    String clean = POSTGRES + target + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    try {
      return new DatabaseLocation.Postgres(
          PostgresSettings.of(
              clean,
              urlUser != null ? urlUser : user,
              urlPassword != null ? urlPassword : password));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          Settings.describe(option)
              + ": invalid value '"
              + withoutQuery(clean)
              + "': "
              + e.getMessage());
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** The value without its query, which may hold a password, for messages. */
  private static String withoutQuery(String text) {
    int query = text.indexOf('?');
    return query < 0 ? text : text.substring(0, query) + "?...";
  }
}
