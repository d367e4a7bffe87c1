package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.http.FilesightHttpServer;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.KeyValuePair;

/**
 * Hostile requests against the real server (SQLite store, signed tokens) through raw sockets:
 * seeded generators mutate the request line, the path of every route, the OData query options, the
 * header fields and the bearer token. Whatever arrives, the server answers with a status line,
 * never 5xx (505 only to a request line naming another protocol version), an error as Defender's
 * JSON body without stack traces or internal names; its log holds one access line per request and
 * neither warnings nor stack traces; a mutated token is accepted only if it decodes to the
 * original.
 *
 * <p>Cases are drawn from {@code -Dfilesight.fuzz.seed} (default {@value #DEFAULT_SEED}), {@code
 * -Dfilesight.fuzz.cases} per target (default {@value #DEFAULT_CASES}); {@code
 * -Dfilesight.fuzz.case=N} replays case N alone. A failure names the seed, the case and the
 * request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsFuzzTest {
  static final long DEFAULT_SEED = 15;
  static final int DEFAULT_CASES = 2_000;

  private static final String TENANT = EndToEndContract.TENANT;
  private static final int TIMEOUT_MILLIS = 5_000;

  /** A target stops after this many requests without an answer: the server is gone. */
  private static final int MAX_SILENT = 20;

  /** Calls one application makes before the next one takes over, to stay below the quota. */
  private static final int CALLS_PER_APPLICATION = 90;

  /** What no answer may show: stack frames, exception names, packages and file system paths. */
  private static final List<String> INTERNALS =
      List.of(
          "io.filesight",
          "org.eclipse",
          "io.javalin",
          "com.nimbusds",
          "org.sqlite",
          "org.jdbi",
          "com.fasterxml",
          "java.lang",
          "java.io",
          "java.util",
          ".java:",
          "/tmp/",
          "/work/",
          "/root/",
          "/home/",
          "/var/",
          "Exception",
          "\tat ",
          "Caused by");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final long seed = Long.getLong("filesight.fuzz.seed", DEFAULT_SEED);
  private final int cases = Integer.getInteger("filesight.fuzz.cases", DEFAULT_CASES);
  private final Integer onlyCase = Integer.getInteger("filesight.fuzz.case");

  private FilesightServer server;
  private DevelopmentTokens tokens;
  private String token;
  private int tokenUses;
  private int applications;

  @BeforeAll
  void startServer(@TempDir Path dir) throws IOException {
    Path keys = dir.resolve("keys");
    DevelopmentKeys.generate(keys);
    tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    DatabaseLocation database = new DatabaseLocation.SqliteFile(dir.resolve("fuzz.db"), true);
    EndToEndContract.importData(dir, database);
    server =
        FilesightServer.start(
            EndToEndContract.serverSettings(
                database,
                TENANT,
                keys.resolve("jwks.json"),
                ServerSettings.defaultCachedMachines()));
    System.out.printf(
        "HostileRequestsFuzzTest: seed %d, %d cases per target"
            + " (-Dfilesight.fuzz.seed=%d -Dfilesight.fuzz.cases=%d)%n",
        seed, cases, seed, cases);
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyRouteAnswersAnOrdinaryRequest() throws IOException {
    for (String route : HostileRequests.ROUTES) {
      String path =
          route.replace("{id}", HostileRequests.SHA1).replace("{asset}", "swagger-ui.css");
      RawHttp.Answer answer =
          exchange(
              "GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                  + authorization()
                  + "\r\n\r\n",
              false);

      assertThat(answer.status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void requestLinesNeverGet5xxOrSilence() {
    fuzz("request line", random -> requests(random).requestLine(), NO_MORE_CHECKS);
  }

  @Test
  void pathsOfEveryRouteNeverGet5xxOrSilence() {
    fuzz("path", random -> requests(random).path(), NO_MORE_CHECKS);
  }

  @Test
  void queryOptionsNeverGet5xxOrSilence() {
    fuzz("query", random -> requests(random).query(), NO_MORE_CHECKS);
  }

  @Test
  void headerFieldsNeverGet5xxOrSilence() {
    fuzz("headers", random -> requests(random).headers(), NO_MORE_CHECKS);
  }

  @Test
  void mutatedTokensAreAcceptedOnlyIfTheyDecodeToTheOriginal() {
    String original =
        tokens.application(
            TENANT, "fuzz-token-app", List.of("Machine.Read.All"), Duration.ofMinutes(30));
    fuzz(
        "token",
        random ->
            new HostileRequests.Request(
                "GET /api/files/"
                    + HostileRequests.SHA1
                    + "/machines HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + new TokenMutations(random).authorization(original)
                    + "\r\n\r\n",
                false),
        (request, answer, findings, replay) -> {
          if (accepted(answer.status())
              && !TokenMutations.carriesSameToken(authorizationOf(request.text()), original)) {
            findings.add("mutated token accepted with " + answer.status(), replay);
          }
        });
  }

  private HostileRequests requests(SplittableRandom random) {
    return new HostileRequests(random, this::authorization);
  }

  /** A check of one target on top of those every answer passes. */
  private interface TargetCheck {
    void check(
        HostileRequests.Request request, RawHttp.Answer answer, Findings findings, String replay);
  }

  private static final TargetCheck NO_MORE_CHECKS = (request, answer, findings, replay) -> {};

  /** Runs one target's cases and fails listing every kind of finding with its first requests. */
  private void fuzz(
      String target,
      Function<SplittableRandom, HostileRequests.Request> generator,
      TargetCheck targetCheck) {
    SplittableRandom root = new SplittableRandom(seed ^ target.hashCode());
    Findings findings = new Findings(target);
    Map<String, String> requestIds = new HashMap<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    long started = System.nanoTime();
    int silent = 0;
    try (LogCapture log = LogCapture.install(FilesightHttpServer.ACCESS_LOGGER)) {
      for (int i = 0; i < cases && silent < MAX_SILENT; i++) {
        HostileRequests.Request request = generator.apply(root.split());
        if (onlyCase != null && onlyCase != i) {
          continue;
        }
        String replay = "case " + i + ": \"" + RawHttp.printable(request.text()) + "\"";
        int logged = log.size();
        try {
          RawHttp.Answer answer = exchange(request.text(), request.head());
          statuses.merge(answer.status(), 1, Integer::sum);
          check(request, answer, findings, replay);
          targetCheck.check(request, answer, findings, replay);
          String requestId = answer.header("request-id");
          if (requestId != null) {
            requestIds.put(requestId, replay);
          }
        } catch (IOException e) {
          silent++;
          findings.add(
              e instanceof RawHttp.NoAnswerException ? e.getMessage() : e.toString(), replay);
        }
        checkLog(log.since(logged), findings, replay);
      }
      checkAccessLines(log, requestIds, findings);
    }
    System.out.printf(
        "HostileRequestsFuzzTest: %s: %d cases in %d ms, answers by status %s%n",
        target, cases, (System.nanoTime() - started) / 1_000_000, statuses);
    assertThat(findings.report()).as("findings of seed %d", seed).isEmpty();
  }

  private static void check(
      HostileRequests.Request request, RawHttp.Answer answer, Findings findings, String replay) {
    int status = answer.status();
    if (status >= 500 && !(status == 505 && request.namesAnotherVersion())) {
      findings.add("status " + status + " " + errorCode(answer), replay);
    }
    boolean inspected =
        status >= 400
            || String.valueOf(answer.header("Content-Type")).startsWith("application/json");
    if (inspected) {
      String body = answer.bodyText();
      for (String internal : INTERNALS) {
        if (body.contains(internal) && !request.text().contains(internal)) {
          findings.add("body shows '" + RawHttp.printable(internal) + "'", replay);
        }
      }
    }
    if (status >= 400 && !request.head()) {
      checkErrorBody(answer, findings, replay);
    }
  }

  private static void checkErrorBody(RawHttp.Answer answer, Findings findings, String replay) {
    JsonNode error;
    try {
      error = JSON.readTree(answer.body()).path("error");
    } catch (IOException e) {
      findings.add(answer.status() + " without a JSON body", replay);
      return;
    }
    if (!error.path("code").isTextual()
        || !error.path("message").isTextual()
        || !error.path("target").asText().equals(answer.header("request-id"))) {
      findings.add(answer.status() + " without Defender's error body", replay);
    }
  }

  private static void checkLog(List<ILoggingEvent> events, Findings findings, String replay) {
    for (ILoggingEvent event : events) {
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null || event.getLevel().isGreaterOrEqual(Level.WARN)) {
        findings.add(
            "logged "
                + event.getLevel()
                + " "
                + event.getLoggerName()
                + (thrown == null ? "" : " with " + thrown.getClassName())
                + ": "
                + RawHttp.printable(String.valueOf(event.getMessage())),
            replay);
      }
    }
  }

  /** Every answered request left exactly one access line, found by its request id. */
  private static void checkAccessLines(
      LogCapture log, Map<String, String> requestIds, Findings findings) {
    Map<String, Integer> lines = new HashMap<>();
    for (int attempt = 0; attempt < 20; attempt++) {
      lines.clear();
      for (ILoggingEvent event : log.since(0)) {
        if (!event.getLoggerName().equals(FilesightHttpServer.ACCESS_LOGGER)
            || event.getKeyValuePairs() == null) {
          continue;
        }
        for (KeyValuePair pair : event.getKeyValuePairs()) {
          if (pair.key.equals("requestId")) {
            lines.merge(String.valueOf(pair.value), 1, Integer::sum);
          }
        }
      }
      if (lines.keySet().containsAll(requestIds.keySet())) {
        break;
      }
      sleep(100);
    }
    requestIds.forEach(
        (id, replay) -> {
          int count = lines.getOrDefault(id, 0);
          if (count != 1) {
            findings.add(count + " access lines for one request", replay);
          }
        });
  }

  private RawHttp.Answer exchange(String request, boolean head) throws IOException {
    return RawHttp.exchange(
        server.port(), request.getBytes(StandardCharsets.ISO_8859_1), head, TIMEOUT_MILLIS);
  }

  private static boolean accepted(int status) {
    return Set.of(200, 403, 404, 429).contains(status);
  }

  private static String errorCode(RawHttp.Answer answer) {
    if (answer.body().length == 0) {
      return "(no body)";
    }
    try {
      return JSON.readTree(answer.body()).path("error").path("code").asText("(no error code)");
    } catch (IOException e) {
      return "(no JSON body)";
    }
  }

  private static String authorizationOf(String request) {
    int from = request.indexOf("\r\nAuthorization: ") + "\r\nAuthorization: ".length();
    return request.substring(from, request.indexOf("\r\n", from));
  }

  /** A valid {@code Authorization} value; a new application takes over every few calls. */
  private String authorization() {
    if (token == null || ++tokenUses > CALLS_PER_APPLICATION) {
      tokenUses = 1;
      token =
          tokens.application(
              TENANT,
              "fuzz-app-" + ++applications,
              List.of("Machine.Read.All"),
              Duration.ofMinutes(30));
    }
    return "Bearer " + token;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Findings by kind, in order of appearance, with the first few requests of each. */
  private static final class Findings {
    private static final int EXAMPLES = 3;
    private final String target;
    private final Map<String, List<String>> examples = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    Findings(String target) {
      this.target = target;
    }

    void add(String kind, String replay) {
      counts.merge(kind, 1, Integer::sum);
      List<String> first = examples.computeIfAbsent(kind, k -> new ArrayList<>());
      if (first.size() < EXAMPLES) {
        first.add(replay);
      }
    }

    /** One paragraph per kind: the count, then the first requests; empty without findings. */
    String report() {
      StringBuilder report = new StringBuilder();
      examples.forEach(
          (kind, first) -> {
            report
                .append('\n')
                .append(target)
                .append(": ")
                .append(counts.get(kind))
                .append(" x ")
                .append(kind);
            first.forEach(replay -> report.append("\n    ").append(replay));
          });
      return report.toString();
    }
  }
}
