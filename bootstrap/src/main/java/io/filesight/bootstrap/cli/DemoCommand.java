package io.filesight.bootstrap.cli;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.adapter.http.UnknownFileAnswer;
import io.filesight.bootstrap.config.LoggingSetup;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.lifecycle.DemoData;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code filesight demo}: on first run creates a directory with a SQLite database of generated data
 * and a development key; then serves it and prints ready-to-use tokens and curl commands.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Serves generated demo data on an embedded SQLite database, with ready tokens.")
public final class DemoCommand implements Callable<Integer> {
  /** Where the demo lives unless --dir says otherwise. */
  public static final String DEFAULT_DIR = "filesight-demo";

  /** The demo's tenant id (tid) accepted by the demo server and used by 'filesight token'. */
  public static final String DEMO_TENANT = "7f3c1e2a-9b4d-4c6e-8a1f-2d5b6c7e8f90";

  /** The demo's client application id. */
  public static final String DEMO_APP = "5a1d2c3b-0e4f-4a6b-9c8d-7e6f5a4b3c2d";

  /** The object id (oid) of the demo's delegated user, an analyst. */
  public static final String DEMO_USER = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

  /** The example hash of the Defender documentation page, seen on a handful of demo machines. */
  public static final String EXAMPLE_SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "TCP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--dir",
      defaultValue = DEFAULT_DIR,
      paramLabel = "DIR",
      description =
          "Demo directory, created on first run and reused after (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--log-format", defaultValue = "text", description = "text or json.")
  String logFormat;

  /**
   * What {@code demo} serves {@code dir} with: its database and key, the demo tenant, every
   * Defender audience, loopback only.
   */
  public static ServerSettings serverSettings(Path dir, int port, boolean jsonLogs) {
    return new ServerSettings(
        dir.resolve(DemoData.DATABASE),
        false,
        new TokenSettings(
            DEMO_TENANT,
            TokenSettings.DEFAULT_AUDIENCES,
            JwksSource.file(dir.resolve("keys").resolve("jwks.json")),
            TokenSettings.DEFAULT_CLOCK_SKEW),
        new HttpSettings(
            "127.0.0.1",
            port,
            Optional.empty(),
            UnknownFileAnswer.NOT_FOUND,
            jsonLogs,
            Duration.ofSeconds(20),
            ServerSettings.defaultCachedMachines(),
            HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE,
            HttpSettings.DEFAULT_HEADER_TIMEOUT,
            HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS,
            HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS),
        ServerSettings.defaultCachedMachines());
  }

  @Override
  public Integer call() {
    Settings.port("--port", port);
    Settings.oneOf("--log-format", logFormat, "text", "json");
    PrintWriter out = spec.commandLine().getOut();
    DemoData.prepare(dir, out);
    LoggingSetup.configure(logFormat);
    FilesightServer server =
        FilesightServer.start(serverSettings(dir, port, logFormat.equals("json")));
    ShutdownOnSignal.install(server::close);
    printWelcome(out, dir.resolve("keys"), server.port());
    return FilesightCli.OK;
  }

  private static void printWelcome(PrintWriter out, Path keys, int port) {
    DevelopmentTokens tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    Duration lifetime = Duration.ofHours(12);
    String app = tokens.application(DEMO_TENANT, DEMO_APP, List.of("Machine.Read.All"), lifetime);
    String user =
        tokens.delegated(
            DEMO_TENANT,
            DEMO_APP,
            DEMO_USER,
            List.of("Machine.Read"),
            List.of(DemoData.ANALYSTS_USER_GROUP),
            lifetime);
    String url = "http://127.0.0.1:" + port + "/api/files/" + EXAMPLE_SHA1 + "/machines";
    out.println();
    out.println("filesight demo is serving on http://127.0.0.1:" + port);
    out.println();
    out.println("Application token (Machine.Read.All, valid 12 h):");
    out.println("  export TOKEN=" + app);
    out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + url);
    out.println();
    out.println(
        "Delegated token (Machine.Read, analyst in user group "
            + DemoData.ANALYSTS_USER_GROUP
            + "):");
    out.println("  export USER_TOKEN=" + user);
    out.println("  curl -s -H \"Authorization: Bearer $USER_TOKEN\" " + url);
    out.println();
    out.println("More tokens: ./filesight token --help");
    out.println("API description: http://127.0.0.1:" + port + "/docs   Stop: Ctrl+C");
    out.flush();
  }
}
