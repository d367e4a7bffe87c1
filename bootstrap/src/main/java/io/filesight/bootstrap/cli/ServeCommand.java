package io.filesight.bootstrap.cli;

import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.adapter.http.InvalidTlsFilesException;
import io.filesight.adapter.http.PemIdentity;
import io.filesight.adapter.http.TlsFiles;
import io.filesight.adapter.http.TrustedProxies;
import io.filesight.adapter.http.UnknownFileAnswer;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.DatabaseSetting;
import io.filesight.bootstrap.config.LoggingSetup;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import io.filesight.domain.RateQuota;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code filesight serve}: serves the Defender API from a SQLite file or a PostgreSQL database.
 * {@link CheckConfigCommand} extends it to share its options and their parsing.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves GET /api/files/{id}/machines from a SQLite file or a PostgreSQL database.",
      "Every option can also be set by the environment variable FILESIGHT_<OPTION> (e.g."
          + " FILESIGHT_DB, FILESIGHT_UNKNOWN_FILE) or by the key <option> in the --config file"
          + " (Java properties); precedence: flag > environment > file > default."
    })
public class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties).")
  Path config;

  @Option(
      names = "--db",
      paramLabel = "FILE|URL",
      description =
          "SQLite database file, or a jdbc:postgresql: URL that several instances share (its user"
              + " and password from the URL, FILESIGHT_DB_USER and FILESIGHT_DB_PASSWORD, or the"
              + " config file's db-user and db-password; never a flag).")
  String db;

  @Option(
      names = "--db-wait",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "How long start-up waits for a PostgreSQL server it cannot reach yet, or for another"
              + " process's write lock on a SQLite file it must migrate, with /health/live up and"
              + " /health/ready down, before it gives up (default ${DEFAULT-VALUE}).")
  String dbWait;

  @Option(
      names = "--db-pool",
      paramLabel = "N",
      defaultValue = "" + DatabaseSetting.DEFAULT_POOL_SIZE,
      description =
          "PostgreSQL connections this instance keeps (default ${DEFAULT-VALUE}); the server's"
              + " max_connections must hold every instance's, plus imports'.")
  int dbPool;

  @Option(
      names = "--create",
      description =
          "Create the SQLite database when the file does not exist (default: refuse to start).")
  boolean create;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port (0 = any free port).")
  int port;

  @Option(
      names = "--management-port",
      paramLabel = "PORT",
      description =
          "Serve /metrics and /health/* only on this port, over plain HTTP on the same --bind"
              + " address (0 = any free port), and nothing else there; on --port they then answer"
              + " 404. Unset (the default), they share --port with the API.")
  Integer managementPort;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0",
      description =
          "Address to listen on. Without --tls-cert, any but a loopback address logs a warning:"
              + " bearer tokens would cross the network in clear.")
  String bind;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "PEM certificate, then any intermediates, to serve HTTPS with on --port (with"
              + " --tls-key). Both files are re-read when they change; a new pair that does not"
              + " fit is logged and the previous one kept.")
  String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description =
          "PEM private key of --tls-cert, unencrypted: PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 (BEGIN"
              + " RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY).")
  String tlsKey;

  @Option(
      names = "--trusted-proxy",
      split = ",",
      paramLabel = "CIDR",
      description =
          "A reverse proxy whose Forwarded and X-Forwarded-For/-Proto/-Host headers are believed"
              + " (repeatable): an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8. From"
              + " any other sender those headers are ignored. Default: none.")
  List<String> trustedProxies;

  @Option(
      names = "--jwks",
      paramLabel = "FILE|URL",
      description = "Signing keys trusted for bearer tokens: a JWKS file or https URL.")
  String jwks;

  @Option(
      names = "--jwks-wait",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "How long start-up waits for a --jwks URL that does not serve keys yet, retrying up to"
              + " 30s apart with /health/live up, /health/ready down and every token refused,"
              + " before it gives up (default ${DEFAULT-VALUE}).")
  String jwksWait;

  @Option(names = "--tenant", description = "Azure AD tenant id whose tokens are accepted.")
  String tenant;

  @Option(
      names = "--audience",
      split = ",",
      paramLabel = "AUD",
      description =
          "Accepted token audience, replacing the defaults (repeatable). Default: what Azure AD"
              + " issues for the Defender API, the hosts https://api.securitycenter.microsoft.com,"
              + " https://api.securitycenter.windows.com and https://api.security.microsoft.com,"
              + " https://securitycenter.onmicrosoft.com/windowsatpservice (v1 tokens for the"
              + " resource Cortex XSOAR requests) and fc780465-2017-40d4-a0c5-307022471b92 (v2"
              + " tokens: the WindowsDefenderATP application id).")
  List<String> audiences;

  @Option(
      names = "--extra-audience",
      split = ",",
      paramLabel = "AUD",
      description =
          "Another accepted audience, added to those of --audience or its default (repeatable),"
              + " e.g. the application id URI of your own app registration (api://filesight).")
  List<String> extraAudiences;

  @Option(
      names = "--unknown-file",
      defaultValue = "not-found",
      description =
          "Answer for a file never seen: not-found (404, the Defender page) or empty (200 []).")
  String unknownFile;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "Public base URL written in @odata.context and nextLink (default: from the request).")
  String baseUrl;

  @Option(names = "--log-format", defaultValue = "text", description = "text or json.")
  String logFormat;

  @Option(
      names = "--stop-timeout",
      defaultValue = "20s",
      description = "How long SIGTERM waits for in-flight requests.")
  String stopTimeout;

  @Option(
      names = "--max-request-header-size",
      paramLabel = "SIZE",
      defaultValue = HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE / 1024 + "KiB",
      description =
          "Most bytes of a request line and its headers together, e.g. 20480, 20k or 20KiB"
              + " (default ${DEFAULT-VALUE}, from 8KiB to 1MiB); a larger request is answered 431."
              + " Leave room for bearer tokens up to 16KiB (users in many Azure AD groups), or"
              + " they get 431 instead of being read.")
  String maxRequestHeaderSize;

  @Option(
      names = "--header-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "How long a request's line and headers may take to arrive, e.g. 60s or 2m (default"
              + " ${DEFAULT-VALUE}, like nginx's client_header_timeout); a connection still short of"
              + " them is answered 408 and closed, however steadily it sends.")
  String headerTimeout;

  @Option(
      names = "--max-concurrent-requests",
      paramLabel = "N|auto",
      defaultValue = "auto",
      description =
          "Most requests handled at once, health probes and /metrics aside (default"
              + " ${DEFAULT-VALUE}: half the server's threads).")
  String maxConcurrentRequests;

  @Option(
      names = "--max-queued-requests",
      paramLabel = "N",
      defaultValue = "" + HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS,
      description =
          "Most requests waiting for their turn beyond those (default ${DEFAULT-VALUE}; each"
              + " waits at most 10s); any further request is answered 503 at once, with"
              + " Retry-After.")
  String maxQueuedRequests;

  @Option(
      names = "--quota",
      paramLabel = "N/WINDOW[,N/WINDOW...]",
      defaultValue = "100/60s,1500/3600s",
      description =
          "Calls one application of a tenant may make, per sliding window, comma-separated: 1 to"
              + " 4 limits of 1 to 1000000 calls over 1s to 24h, windows in s, m or h, e.g."
              + " 20/1m,600/1h (default ${DEFAULT-VALUE}: Defender's). Stored in the database for"
              + " every instance sharing it: a start asking for another is refused unless"
              + " --quota-replace.")
  String quota;

  @Option(
      names = "--quota-replace",
      description =
          "Make --quota the policy stored in the database, replacing the one there: running"
              + " instances sharing it enforce it within 30s (and log that their own --quota"
              + " differs). Default: refuse to start when the stored policy differs.")
  boolean quotaReplace;

  @Option(
      names = "--cache-machines",
      paramLabel = "N|auto",
      defaultValue = "auto",
      description =
          "Machines kept in memory, as read from the database and as rendered JSON, about 3 KB"
              + " each; 0 = none. auto: one per 12 KiB of maximum heap, at most 100000.")
  String cacheMachines;

  @Override
  public Integer call() {
    ServerSettings settings = settings();
    LoggingSetup.configure(logFormat);
    FilesightServer server = FilesightServer.start(settings);
    ShutdownOnSignal.install(server::close);
    spec.commandLine().getOut().println("filesight serving on port " + server.port());
    return FilesightCli.OK;
  }

  ServerSettings settings() {
    DatabaseLocation database = DatabaseSetting.of(spec, db, create);
    database = database.withPoolSize(Settings.atLeast("--db-pool", dbPool, 1));
    Settings.oneOf("--log-format", logFormat, "text", "json");
    UnknownFileAnswer unknown =
        UnknownFileAnswer.fromConfigValue(
            Settings.oneOf("--unknown-file", unknownFile, "not-found", "empty"));
    Optional<URI> base =
        baseUrl == null || baseUrl.isBlank()
            ? Optional.empty()
            : Optional.of(Settings.baseUrl("--base-url", baseUrl));
    Duration stop = Settings.duration("--stop-timeout", stopTimeout);
    HttpSettings http =
        new HttpSettings(
            Settings.required("--bind", bind),
            Settings.port("--port", port),
            base,
            unknown,
            logFormat.equals("json"),
            stop,
            cachedMachines(),
            Settings.bytes(
                "--max-request-header-size",
                maxRequestHeaderSize,
                HttpSettings.SMALLEST_MAX_REQUEST_HEADER_SIZE,
                HttpSettings.LARGEST_MAX_REQUEST_HEADER_SIZE),
            Settings.duration("--header-timeout", headerTimeout),
            maxConcurrentRequests(),
            Settings.count(
                "--max-queued-requests", maxQueuedRequests, 0, HttpSettings.LARGEST_MAX_REQUESTS),
            tls(),
            trustedProxies());
    if (managementPort != null) {
      int management = Settings.port("--management-port", managementPort);
      if (management != 0 && management == http.port()) {
        throw Settings.invalid("--management-port", managementPort, "must differ from --port");
      }
      http = http.withManagementPort(management);
    }
    return new ServerSettings(
        database,
        Settings.duration("--db-wait", dbWait),
        Settings.duration("--jwks-wait", jwksWait),
        tokenSettings(),
        http,
        http.renderedMachines(),
        quota(),
        quotaReplace);
  }

  private RateQuota quota() {
    String value = Settings.required("--quota", quota).strip();
    try {
      return RateQuota.parse(value);
    } catch (IllegalArgumentException e) {
      throw Settings.invalid("--quota", value, e.getMessage());
    }
  }

  /** The certificate and key, read once here so that a bad pair stops start-up (exit 2). */
  private Optional<TlsFiles> tls() {
    boolean cert = tlsCert != null && !tlsCert.isBlank();
    boolean key = tlsKey != null && !tlsKey.isBlank();
    if (!cert && !key) {
      return Optional.empty();
    }
    if (!cert) {
      throw Settings.invalid("--tls-key", tlsKey, "needs --tls-cert too");
    }
    if (!key) {
      throw Settings.invalid("--tls-cert", tlsCert, "needs --tls-key too");
    }
    TlsFiles files = new TlsFiles(Path.of(tlsCert.strip()), Path.of(tlsKey.strip()));
    try {
      PemIdentity.check(files);
    } catch (InvalidTlsFilesException e) {
      String option = e.file().equals(files.privateKey()) ? "--tls-key" : "--tls-cert";
      throw new ConfigurationException(Settings.describe(option) + ": " + e.getMessage(), e);
    }
    return Optional.of(files);
  }

  private TrustedProxies trustedProxies() {
    if (trustedProxies == null) {
      return TrustedProxies.none();
    }
    List<String> entries =
        trustedProxies.stream().map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    try {
      return TrustedProxies.of(entries);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          Settings.describe("--trusted-proxy") + ": " + e.getMessage());
    }
  }

  private int maxConcurrentRequests() {
    if (maxConcurrentRequests.strip().equals("auto")) {
      return HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS;
    }
    return Settings.count(
        "--max-concurrent-requests", maxConcurrentRequests, 1, HttpSettings.LARGEST_MAX_REQUESTS);
  }

  private int cachedMachines() {
    String value = cacheMachines.strip();
    if (value.equals("auto")) {
      return ServerSettings.defaultCachedMachines();
    }
    try {
      return Settings.atLeast("--cache-machines", Integer.parseInt(value), 0);
    } catch (NumberFormatException e) {
      throw Settings.invalid("--cache-machines", value, "must be a whole number or auto");
    }
  }

  private TokenSettings tokenSettings() {
    String tenantId = Settings.required("--tenant", tenant).strip();
    String keys = Settings.required("--jwks", jwks).strip();
    JwksSource source;
    if (keys.startsWith("https://") || keys.startsWith("http://")) {
      try {
        // JwksSource owns the rule (https, or http on loopback only); here it gets the setting's
        // name.
        source = JwksSource.url(URI.create(keys));
      } catch (IllegalArgumentException e) {
        throw Settings.invalid("--jwks", keys, e.getMessage());
      }
    } else {
      Path file = Path.of(keys);
      if (!java.nio.file.Files.isReadable(file)) {
        throw Settings.invalid("--jwks", keys, "no readable file there");
      }
      source = JwksSource.file(file);
    }
    Set<String> accepted = new LinkedHashSet<>();
    if (audiences == null || audiences.isEmpty()) {
      accepted.addAll(TokenSettings.DEFAULT_AUDIENCES);
    } else {
      accepted.addAll(audiences("--audience", audiences));
    }
    if (extraAudiences != null) {
      accepted.addAll(audiences("--extra-audience", extraAudiences));
    }
    if (accepted.isEmpty()) {
      throw Settings.invalid("--audience", String.join(",", audiences), "names no audience");
    }
    return new TokenSettings(
        tenantId, List.copyOf(accepted), source, TokenSettings.DEFAULT_CLOCK_SKEW);
  }

  /** The audiences of one setting, each validated; empty items (a trailing comma) are skipped. */
  private static List<String> audiences(String option, List<String> values) {
    return values.stream()
        .map(String::strip)
        .filter(a -> !a.isEmpty())
        .map(a -> Settings.audience(option, a))
        .toList();
  }
}
