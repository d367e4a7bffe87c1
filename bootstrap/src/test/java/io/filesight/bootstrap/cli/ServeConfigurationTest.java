package io.filesight.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.http.HttpSettings;
import io.filesight.adapter.http.UnknownFileAnswer;
import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import io.filesight.domain.RateQuota;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where each serve setting comes from: flag, then environment, then config file, then default. */
class ServeConfigurationTest {
  @TempDir Path dir;
  private Path jwks;
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void keySet() throws IOException {
    jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
  }

  /** What Azure AD issues for the Defender API: the three hosts, v1's resource, v2's app id. */
  private static final List<String> DEFENDER_AUDIENCES =
      List.of(
          "https://api.securitycenter.microsoft.com",
          "https://api.securitycenter.windows.com",
          "https://api.security.microsoft.com",
          "https://securitycenter.onmicrosoft.com/windowsatpservice",
          "fc780465-2017-40d4-a0c5-307022471b92");

  private Path configFile(String... lines) throws IOException {
    return Files.write(dir.resolve("filesight.properties"), List.of(lines));
  }

  private ServerSettings settings(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("serve", "--jwks", jwks.toString(), "--tenant", "t"));
    args.addAll(List.of(extra));
    String[] argv = args.toArray(String[]::new);
    CommandLine commandLine = FilesightCli.commandLine(environment, argv);
    CommandLine.ParseResult parsed = commandLine.parseArgs(argv);
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    return serve.settings();
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    environment.put("FILESIGHT_DB", "a.db");

    ServerSettings settings = settings();

    assertThat(settings.http().port()).isEqualTo(8080);
    assertThat(settings.http().bindAddress()).isEqualTo("0.0.0.0");
    assertThat(settings.http().unknownFile()).isEqualTo(UnknownFileAnswer.NOT_FOUND);
    assertThat(settings.http().baseUrl()).isEmpty();
    assertThat(settings.tokens().audiences()).containsExactlyElementsOf(DEFENDER_AUDIENCES);
    assertThat(settings.database())
        .isEqualTo(new DatabaseLocation.SqliteFile(Path.of("a.db"), false));
    assertThat(settings.databaseWait()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.keysWait()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theConfigFileOverridesDefaults() throws IOException {
    Path config =
        configFile(
            "db=from-file.db",
            "port=9001",
            "unknown-file=empty",
            "base-url=https://fs.example.com/");

    ServerSettings settings = settings("--config", config.toString());

    assertThat(settings.database())
        .isEqualTo(new DatabaseLocation.SqliteFile(Path.of("from-file.db"), false));
    assertThat(settings.http().port()).isEqualTo(9001);
    assertThat(settings.http().unknownFile()).isEqualTo(UnknownFileAnswer.EMPTY);
    assertThat(settings.http().baseUrl()).contains(URI.create("https://fs.example.com"));
  }

  @Test
  void theEnvironmentOverridesTheConfigFile() throws IOException {
    Path config = configFile("db=from-file.db", "port=9001");
    environment.put("FILESIGHT_CONFIG", config.toString());
    environment.put("FILESIGHT_PORT", "9002");
    environment.put("FILESIGHT_AUDIENCE", "api://filesight, https://api.security.microsoft.com");

    ServerSettings settings = settings();

    assertThat(settings.database())
        .isEqualTo(new DatabaseLocation.SqliteFile(Path.of("from-file.db"), false));
    assertThat(settings.http().port()).isEqualTo(9002);
    assertThat(settings.tokens().audiences())
        .containsExactly("api://filesight", "https://api.security.microsoft.com");
  }

  @Test
  void aFlagOverridesEverything() throws IOException {
    Path config = configFile("db=from-file.db", "port=9001");
    environment.put("FILESIGHT_PORT", "9002");
    environment.put("FILESIGHT_DB", "from-env.db");

    ServerSettings settings =
        settings("--config", config.toString(), "--port", "9003", "--db", "from-flag.db");

    assertThat(settings.http().port()).isEqualTo(9003);
    assertThat(settings.database())
        .isEqualTo(new DatabaseLocation.SqliteFile(Path.of("from-flag.db"), false));
    assertThat(settings.http().baseUrl()).isEqualTo(Optional.empty());
  }

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FilesightCli.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {String.valueOf(code), err.toString()};
  }

  @Test
  void aBadEnvironmentValueExitsTwoWithOneLineNamingTheSetting() {
    environment.put("FILESIGHT_PORT", "eighty");

    String[] result = run("serve", "--db", "x.db", "--jwks", jwks.toString(), "--tenant", "t");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1].strip().lines()).hasSize(1);
    assertThat(result[1]).contains("--port").contains("eighty");
  }

  @Test
  void aClearTextKeySetUrlOffLoopbackExitsTwoNamingTheSetting() {
    String[] result =
        run(
            "serve",
            "--db",
            "x.db",
            "--jwks",
            "http://keys.example.com/jwks.json",
            "--tenant",
            "t");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1].strip().lines()).hasSize(1);
    assertThat(result[1]).contains("--jwks").contains("https");
  }

  @Test
  void aMissingKeySetFileExitsTwoNamingTheSetting() {
    String missing = dir.resolve("missing-jwks.json").toString();

    String[] result = run("serve", "--db", "x.db", "--jwks", missing, "--tenant", "t");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1].strip().lines()).hasSize(1);
    assertThat(result[1]).contains("--jwks").contains(missing);
  }

  @Test
  void aKeySetUrlOnLoopbackMayUseHttp() {
    String[] argv = {
      "serve", "--db", "a.db", "--tenant", "t", "--jwks", "http://127.0.0.1:9999/jwks.json"
    };
    CommandLine.ParseResult parsed = FilesightCli.commandLine(environment, argv).parseArgs(argv);

    ServerSettings settings =
        ((ServeCommand) parsed.subcommand().commandSpec().userObject()).settings();

    assertThat(settings.tokens().keys().describe())
        .isEqualTo("url http://127.0.0.1:9999/jwks.json");
  }

  @Test
  void anUnreadableConfigFileExitsTwoNamingIt() {
    String[] result = run("serve", "--config", dir.resolve("missing.properties").toString());

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1]).contains("missing.properties");
  }

  @Test
  void aBadBaseUrlInTheFileExitsTwoNamingTheSetting() throws IOException {
    Path config = configFile("db=x.db", "base-url=ftp://nope");

    String[] result =
        run("serve", "--config", config.toString(), "--jwks", jwks.toString(), "--tenant", "t");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1].strip().lines()).hasSize(1);
    assertThat(result[1]).contains("--base-url").contains("FILESIGHT_BASE_URL");
  }

  @Test
  void machineCacheIsSizedFromTheHeapUnlessSet() {
    environment.put("FILESIGHT_DB", "a.db");

    assertThat(settings().cachedMachines())
        .isEqualTo(ServerSettings.defaultCachedMachines())
        .isEqualTo((int) Math.min(100_000, Runtime.getRuntime().maxMemory() / (12 * 1024)));
    assertThat(settings().http().renderedMachines()).isEqualTo(settings().cachedMachines());

    environment.put("FILESIGHT_CACHE_MACHINES", "500");
    assertThat(settings().cachedMachines()).isEqualTo(500);
    assertThat(settings("--cache-machines", "0").http().renderedMachines()).isZero();
  }

  @Test
  void aMachineCacheSizeThatIsNotANumberOrNegativeNamesTheSetting() {
    environment.put("FILESIGHT_DB", "a.db");

    for (String bad : new String[] {"-1", "lots", "1e5"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings("--cache-machines", bad))
          .isInstanceOf(io.filesight.bootstrap.config.ConfigurationException.class)
          .hasMessageContaining("--cache-machines")
          .hasMessageContaining("FILESIGHT_CACHE_MACHINES");
    }
  }

  @Test
  void theRequestHeaderLimitIs20KiBUnlessSetByFlagEnvironmentOrFile() throws IOException {
    environment.put("FILESIGHT_DB", "a.db");

    assertThat(settings().http().maxRequestHeaderSize()).isEqualTo(20 * 1024);
    assertThat(runFull("serve", "--help").out().replaceAll("\\s+", " "))
        .contains("--max-request-header-size=SIZE")
        .contains("default 20KiB");
    assertThat(settings("--max-request-header-size", "32k").http().maxRequestHeaderSize())
        .isEqualTo(32 * 1024);
    Path config = configFile("max-request-header-size=16384");
    assertThat(settings("--config", config.toString()).http().maxRequestHeaderSize())
        .isEqualTo(16 * 1024);
    environment.put("FILESIGHT_MAX_REQUEST_HEADER_SIZE", "1MiB");
    assertThat(settings("--config", config.toString()).http().maxRequestHeaderSize())
        .isEqualTo(1024 * 1024);
  }

  @Test
  void aRequestHeaderLimitThatIsNotASizeOrOutOfRangeExitsTwoNamingTheSetting() {
    for (String bad : new String[] {"lots", "20 KB", "-1", "4KiB", "2m", "99999999999"}) {
      Result result = serveWith("--max-request-header-size=" + bad);

      assertThat(result.code()).as(bad).isEqualTo(2);
      assertThat(result.err().strip().lines()).as(bad).hasSize(1);
      assertThat(result.err())
          .as(bad)
          .contains("--max-request-header-size (FILESIGHT_MAX_REQUEST_HEADER_SIZE)")
          .contains("'" + bad + "'");
    }
    assertThat(serveWith("--max-request-header-size=4KiB").err())
        .contains("must be between 8KiB and 1MiB");
  }

  @Test
  void theManagementPortIsUnsetUnlessSetByFlagEnvironmentOrFile() throws IOException {
    assertThat(settings("--db", "x.db").http().managementPort()).isEmpty();
    assertThat(settings("--db", "x.db", "--management-port", "9090").http().managementPort())
        .hasValue(9090);
    Path config = configFile("management-port=9191");
    assertThat(settings("--db", "x.db", "--config", config.toString()).http().managementPort())
        .hasValue(9191);
    environment.put("FILESIGHT_MANAGEMENT_PORT", "9292");
    assertThat(settings("--db", "x.db", "--config", config.toString()).http().managementPort())
        .hasValue(9292);
  }

  @Test
  void aManagementPortOutOfRangeOrEqualToThePortExitsTwoNamingTheSetting() {
    Result outOfRange = serveWith("--management-port=70000");
    Result same =
        runFull(
            "serve",
            "--db",
            "x.db",
            "--jwks",
            jwks.toString(),
            "--tenant",
            "t",
            "--port",
            "9000",
            "--management-port",
            "9000");

    assertThat(outOfRange.code()).isEqualTo(2);
    assertThat(outOfRange.err().strip().lines()).hasSize(1);
    assertThat(outOfRange.err())
        .contains("--management-port (FILESIGHT_MANAGEMENT_PORT)")
        .contains("must be between 0 and 65535");
    assertThat(same.code()).isEqualTo(2);
    assertThat(same.err().strip().lines()).hasSize(1);
    assertThat(same.err()).contains("--management-port").contains("must differ from --port");
  }

  /** {@code serve} with the required settings and {@code setting}, e.g. {@code --port=1}. */
  private Result serveWith(String setting) {
    return runFull("serve", "--db", "x.db", "--jwks", jwks.toString(), "--tenant", "t", setting);
  }

  @Test
  void theHeaderTimeoutIs60SecondsUnlessSetByFlagEnvironmentOrFile() throws IOException {
    environment.put("FILESIGHT_DB", "a.db");

    assertThat(settings().http().headerTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(runFull("serve", "--help").out().replaceAll("\\s+", " "))
        .contains("--header-timeout=DURATION")
        .contains("default 60s");
    assertThat(settings("--header-timeout", "10s").http().headerTimeout())
        .isEqualTo(Duration.ofSeconds(10));
    Path config = configFile("header-timeout=2m");
    assertThat(settings("--config", config.toString()).http().headerTimeout())
        .isEqualTo(Duration.ofMinutes(2));
    environment.put("FILESIGHT_HEADER_TIMEOUT", "1500ms");
    assertThat(settings("--config", config.toString()).http().headerTimeout())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void aHeaderTimeoutThatIsNotAPositiveDurationExitsTwoNamingTheSetting() {
    for (String bad : new String[] {"soon", "0", "-5s", "10 minutes"}) {
      Result result = serveWith("--header-timeout=" + bad);

      assertThat(result.code()).as(bad).isEqualTo(2);
      assertThat(result.err().strip().lines()).as(bad).hasSize(1);
      assertThat(result.err())
          .as(bad)
          .contains("--header-timeout (FILESIGHT_HEADER_TIMEOUT)")
          .contains("'" + bad + "'");
    }
  }

  @Test
  void requestBoundsAreAutoAnd128UnlessSetByFlagEnvironmentOrFile() throws IOException {
    environment.put("FILESIGHT_DB", "a.db");

    assertThat(settings().http().maxConcurrentRequests())
        .isEqualTo(HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS);
    assertThat(settings().http().maxQueuedRequests()).isEqualTo(128);
    assertThat(runFull("serve", "--help").out().replaceAll("\\s+", " "))
        .contains("--max-concurrent-requests=N|auto")
        .contains("--max-queued-requests=N");
    assertThat(settings("--max-concurrent-requests", "32").http().maxConcurrentRequests())
        .isEqualTo(32);
    Path config = configFile("max-queued-requests=10", "max-concurrent-requests=auto");
    assertThat(settings("--config", config.toString()).http().maxQueuedRequests()).isEqualTo(10);
    environment.put("FILESIGHT_MAX_QUEUED_REQUESTS", "0");
    assertThat(settings("--config", config.toString()).http().maxQueuedRequests()).isZero();
  }

  @Test
  void aRequestBoundThatIsNotAWholeNumberInRangeExitsTwoNamingTheSetting() {
    String[][] cases = {
      {"--max-concurrent-requests", "0"},
      {"--max-concurrent-requests", "many"},
      {"--max-concurrent-requests", "100001"},
      {"--max-queued-requests", "-1"},
      {"--max-queued-requests", "auto"},
      {"--max-queued-requests", "1e3"}
    };
    for (String[] bad : cases) {
      Result result = serveWith(bad[0] + "=" + bad[1]);

      String variable = "FILESIGHT_" + bad[0].substring(2).replace('-', '_').toUpperCase();
      assertThat(result.code()).as(bad[1]).isEqualTo(2);
      assertThat(result.err().strip().lines()).as(bad[1]).hasSize(1);
      assertThat(result.err())
          .as(bad[1])
          .contains(bad[0] + " (" + variable + ")")
          .contains("'" + bad[1] + "'");
    }
  }

  @Test
  void aPostgresqlUrlTakesItsCredentialsOutOfTheUrl() {
    ServerSettings settings =
        settings(
            "--db",
            "jdbc:postgresql://db.example.com:5432/filesight?user=fs&password=s%40cret&ssl=true");

    PostgresSettings postgres = ((DatabaseLocation.Postgres) settings.database()).settings();
    assertThat(postgres.url())
        .isEqualTo("jdbc:postgresql://db.example.com:5432/filesight?ssl=true");
    assertThat(postgres.user()).isEqualTo("fs");
    assertThat(postgres.password()).isEqualTo("s@cret");
    assertThat(settings.database().toString()).doesNotContain("s@cret");
  }

  @Test
  void credentialsInTheAuthorityAreTakenOutToo() {
    ServerSettings settings = settings("--db", "jdbc:postgresql://fs:pw@db.example.com/filesight");

    PostgresSettings postgres = ((DatabaseLocation.Postgres) settings.database()).settings();
    assertThat(postgres.url()).isEqualTo("jdbc:postgresql://db.example.com/filesight");
    assertThat(postgres.user()).isEqualTo("fs");
    assertThat(postgres.password()).isEqualTo("pw");
  }

  @Test
  void thePoolSizeIsSixteenConnectionsUnlessDbPoolSaysOtherwise() {
    PostgresSettings byDefault =
        ((DatabaseLocation.Postgres) settings("--db", "jdbc:postgresql://db/x").database())
            .settings();
    PostgresSettings four =
        ((DatabaseLocation.Postgres)
                settings("--db", "jdbc:postgresql://db/x", "--db-pool", "4").database())
            .settings();

    assertThat(byDefault.poolSize()).isEqualTo(16);
    assertThat(four.poolSize()).isEqualTo(4);
    String[] none =
        run(
            "serve",
            "--db",
            "jdbc:postgresql://db/x",
            "--db-pool",
            "0",
            "--jwks",
            jwks.toString(),
            "--tenant",
            "t");
    assertThat(none[0]).isEqualTo("2");
    assertThat(none[1]).contains("--db-pool");
  }

  @Test
  void theUserAndPasswordComeFromTheEnvironmentOrTheConfigFileNeverAFlag() throws IOException {
    environment.put("FILESIGHT_DB_PASSWORD", "from-environment");
    Path config =
        configFile("db=jdbc:postgresql://db/filesight", "db-user=fs", "db-password=from-file");

    PostgresSettings postgres =
        ((DatabaseLocation.Postgres) settings("--config", config.toString()).database()).settings();

    assertThat(postgres.user()).isEqualTo("fs");
    assertThat(postgres.password()).isEqualTo("from-environment");
    assertThat(runFull("serve", "--db-password", "x").err()).contains("Unknown option");
    assertThat(runFull("serve", "--help").out()).doesNotContain("--db-password", "--db-user");
  }

  @Test
  void aDatabaseUrlOfAnotherKindIsRefusedNamingTheSettingButNotTheQuery() {
    Result result =
        runFull(
            "serve",
            "--db",
            "jdbc:mysql://db/x?password=hunter2",
            "--jwks",
            jwks.toString(),
            "--tenant",
            "t");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("--db (FILESIGHT_DB)", "jdbc:postgresql:")
        .doesNotContain("hunter2");
  }

  @Test
  void aSecretUnderAnotherParameterOfTheUrlIsRefusedWithoutBeingShown() {
    Result result =
        runFull(
            "serve",
            "--db",
            "jdbc:postgresql://db/x?sslmode=verify-full&sslpassword=key-secret",
            "--jwks",
            jwks.toString(),
            "--tenant",
            "t");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--db (FILESIGHT_DB)").doesNotContain("key-secret");
  }

  @Test
  void createAppliesToSqliteFilesOnly() {
    Result result =
        runFull(
            "serve",
            "--db",
            "jdbc:postgresql://db/x",
            "--create",
            "--jwks",
            jwks.toString(),
            "--tenant",
            "t");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--create").contains("SQLite file only");
  }

  @Test
  void anExtraAudienceIsAddedToTheDefaultsFromFlagEnvironmentOrFile() throws IOException {
    environment.put("FILESIGHT_DB", "a.db");
    List<String> withOwn = new ArrayList<>(DEFENDER_AUDIENCES);
    withOwn.add("api://filesight");

    assertThat(settings("--extra-audience", "api://filesight").tokens().audiences())
        .containsExactlyElementsOf(withOwn);
    Path config = configFile("extra-audience=api://filesight");
    assertThat(settings("--config", config.toString()).tokens().audiences())
        .containsExactlyElementsOf(withOwn);
    environment.put(
        "FILESIGHT_EXTRA_AUDIENCE", "api://filesight, 0b2c3d4e-5f60-7182-93a4-b5c6d7e8f901");
    withOwn.add("0b2c3d4e-5f60-7182-93a4-b5c6d7e8f901");
    assertThat(settings().tokens().audiences()).containsExactlyElementsOf(withOwn);
  }

  @Test
  void audienceReplacesTheDefaultsAndExtraAudienceAddsToIt() {
    environment.put("FILESIGHT_DB", "a.db");

    ServerSettings settings =
        settings(
            "--audience",
            "https://api.securitycenter.microsoft.com",
            "--extra-audience",
            "api://filesight",
            "--extra-audience",
            "https://api.securitycenter.microsoft.com");

    assertThat(settings.tokens().audiences())
        .containsExactly("https://api.securitycenter.microsoft.com", "api://filesight");
  }

  @Test
  void anAudienceThatIsNeitherAGuidNorAnAbsoluteUriExitsTwoNamingTheSetting() {
    for (String option : List.of("--audience", "--extra-audience")) {
      for (String bad : List.of("filesight", "not an audience", "https://x.example/a b", ":x")) {
        Result result = serveWith(option + "=" + bad);

        assertThat(result.code()).as(option + " " + bad).isEqualTo(2);
        assertThat(result.err().strip().lines()).as(bad).hasSize(1);
        assertThat(result.err())
            .as(bad)
            .contains(
                option
                    + " ("
                    + (option.equals("--audience")
                        ? "FILESIGHT_AUDIENCE"
                        : "FILESIGHT_EXTRA_AUDIENCE")
                    + ")")
            .contains("'" + bad.strip() + "'");
      }
    }
  }

  @Test
  void theQuotaIsDefendersUnlessSetByFlagEnvironmentOrFile() throws IOException {
    environment.put("FILESIGHT_DB", "a.db");

    assertThat(settings().quota()).isEqualTo(RateQuota.defender());
    assertThat(settings().replaceQuota()).isFalse();
    // picocli breaks long lines after a comma: compare without spaces.
    assertThat(runFull("serve", "--help").out().replaceAll("\\s+", ""))
        .contains("--quota=N/WINDOW[,N/WINDOW...]")
        .contains("(default100/60s,1500/3600s:Defender's)")
        .contains("--quota-replace");
    Path config = configFile("quota=20/1m,600/1h", "quota-replace=true");
    assertThat(settings("--config", config.toString()).quota())
        .isEqualTo(RateQuota.parse("20/60s,600/3600s"));
    assertThat(settings("--config", config.toString()).replaceQuota()).isTrue();
    environment.put("FILESIGHT_QUOTA", "5/1s");
    assertThat(settings("--config", config.toString()).quota()).isEqualTo(RateQuota.parse("5/1s"));
    assertThat(settings("--config", config.toString(), "--quota", "3/60s").quota())
        .isEqualTo(RateQuota.parse("3/60s"));
  }

  @Test
  void aQuotaThatIsNotOneToFourLimitsInRangeExitsTwoWithOneLineNamingTheSetting() {
    String[][] cases = {
      {"100", "is not a limit such as 100/60s"},
      {"100/60x", "is not a limit such as 100/60s"},
      {"0/60s", "from 1 to 1000000 calls"},
      {"2000000/1h", "from 1 to 1000000 calls"},
      {"10/0s", "positive whole number of seconds"},
      {"10/2d", "is not a limit such as 100/60s"},
      {"10/25h", "a window is at most 24h"},
      {"10/60s,20/1m", "two limits on the same window of 60s"},
      {"1/1s,2/2s,3/3s,4/4s,5/5s", "at most 4 limits"},
      {" ", "required but not set"},
    };
    for (String[] bad : cases) {
      Result result = serveWith("--quota=" + bad[0]);

      assertThat(result.code()).as(bad[0]).isEqualTo(2);
      assertThat(result.err().strip().lines()).as(bad[0]).hasSize(1);
      assertThat(result.err()).as(bad[0]).contains("--quota (FILESIGHT_QUOTA): ").contains(bad[1]);
    }
  }

  @Test
  void helpSaysWhichAudienceSettingReplacesAndWhichAdds() {
    String help = runFull("serve", "--help").out().replaceAll("\\s+", " ");
    // picocli breaks long lines after a dot, inside the URLs too.
    String unbroken = help.replace(" ", "");

    assertThat(help)
        .contains("--audience=AUD")
        .contains("replacing the defaults")
        .contains("--extra-audience=AUD")
        .contains("added to those of --audience or its default");
    assertThat(unbroken)
        .contains("https://securitycenter.onmicrosoft.com/windowsatpservice(v1tokens")
        .contains("fc780465-2017-40d4-a0c5-307022471b92(v2tokens");
  }

  private record Result(int code, String out, String err) {}

  private Result runFull(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FilesightCli.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }
}
