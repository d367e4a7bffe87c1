package io.filesight.benchmarks;

import com.google.inject.Module;
import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import io.filesight.adapter.auth.JwksSource;
import io.filesight.adapter.auth.TokenSettings;
import io.filesight.adapter.http.HttpSettings;
import io.filesight.adapter.http.UnknownFileAnswer;
import io.filesight.adapter.persistence.InMemoryQuotaLedger;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.LoggingSetup;
import io.filesight.bootstrap.lifecycle.FilesightServer;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server of the HTTP benchmarks: filesight as {@code filesight serve} runs it, and in the same
 * process the bare baseline route ({@link BareRoute}) answering the same paths with the bytes
 * filesight answered for them, fetched once at start. The bare server also serves {@code
 * /bench/heap} (peak heap since {@code /bench/heap/reset}).
 *
 * <p>{@code --store DIR --keys DIR --tenant T --ports FILE [--db jdbc:postgresql:...] [--ledger
 * engine|memory]}: serves the store's SQLite file, or the PostgreSQL database it was copied into,
 * with the engine's quota ledger or one in this process; writes {@code filesight=P} and {@code
 * bare=Q} to FILE once both listen, and {@code D/sample-response.json} for {@link BareServer}.
 */
public final class BenchmarkServer {
  private BenchmarkServer() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path store = args.path("store");
    Path keys = args.path("keys");
    String tenant = args.text("tenant");
    // Logging as `filesight serve` sets it up: access lines batched on their way to stderr.
    LoggingSetup.configure("text");
    String url = args.text("db", "");
    DatabaseLocation database =
        url.isEmpty()
            ? new DatabaseLocation.SqliteFile(store.resolve("filesight.db"), false)
            : new DatabaseLocation.Postgres(Postgres.settings(url));
    // The ledger an engine comes with, or one in this process (to measure what sharing costs).
    String ledger = args.text("ledger", "engine");
    Module[] replacements =
        switch (ledger) {
          case "engine" -> new Module[0];
          case "memory" ->
              new Module[] {
                binder -> binder.bind(QuotaLedger.class).toInstance(new InMemoryQuotaLedger())
              };
          default -> throw new IllegalArgumentException("--ledger engine|memory, was " + ledger);
        };
    FilesightServer filesight =
        FilesightServer.start(
            new ServerSettings(
                database,
                ServerSettings.DEFAULT_DATABASE_WAIT,
                ServerSettings.DEFAULT_KEYS_WAIT,
                new TokenSettings(
                    tenant,
                    TokenSettings.DEFAULT_AUDIENCES,
                    JwksSource.file(keys.resolve(DevelopmentKeys.JWKS_FILE)),
                    TokenSettings.DEFAULT_CLOCK_SKEW),
                new HttpSettings(
                    "127.0.0.1",
                    0,
                    Optional.empty(),
                    UnknownFileAnswer.NOT_FOUND,
                    false,
                    Duration.ofSeconds(5),
                    ServerSettings.defaultCachedMachines(),
                    HttpSettings.DEFAULT_MAX_REQUEST_HEADER_SIZE,
                    HttpSettings.DEFAULT_HEADER_TIMEOUT,
                    HttpSettings.AUTO_MAX_CONCURRENT_REQUESTS,
                    HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS),
                ServerSettings.defaultCachedMachines()),
            replacements);
    Runtime.getRuntime().addShutdownHook(new Thread(filesight::close));

    List<String> ids = new ArrayList<>(Files.readAllLines(store.resolve("files.txt")));
    ids.addAll(Files.readAllLines(store.resolve("probes.txt")));
    ids.addAll(Files.readAllLines(store.resolve("hot.txt")));
    Map<String, byte[]> answers = fetchAnswers(filesight.port(), ids, keys, tenant);
    byte[] sample = answers.get(Files.readAllLines(store.resolve("probes.txt")).get(0));
    Files.write(store.resolve("sample-response.json"), sample);

    HeapWatch heap = new HeapWatch();
    Javalin bare =
        BareRoute.start(
            0,
            answers,
            sample,
            config -> {
              config.routes.get("/bench/heap/reset", ctx -> heap.reset());
              config.routes.get(
                  "/bench/heap",
                  ctx ->
                      ctx.result("peak=" + heap.peakBytes() + "\nmax=" + heap.maxBytes() + "\n"));
            });
    Runtime.getRuntime().addShutdownHook(new Thread(bare::stop));
    Path ports = args.path("ports");
    Path partial = Path.of(ports + ".tmp");
    Files.writeString(
        partial,
        "filesight=" + filesight.port() + "\nbare=" + bare.jettyServer().port() + "\n",
        StandardCharsets.UTF_8);
    Files.move(partial, ports);
    System.out.println("benchmark server ready: " + Files.readString(ports).replace('\n', ' '));
  }

  /** filesight's answer to each id, with a few setup applications so no quota is reached. */
  private static Map<String, byte[]> fetchAnswers(
      int port, List<String> ids, Path keys, String tenant) throws Exception {
    DevelopmentTokens tokens = new DevelopmentTokens(DevelopmentKeys.load(keys));
    HttpClient client = HttpClient.newHttpClient();
    Map<String, byte[]> answers = new HashMap<>();
    String token = null;
    for (int i = 0; i < ids.size(); i++) {
      if (i % 50 == 0) {
        token =
            tokens.application(
                tenant, "bench-setup-" + i, List.of("Machine.Read.All"), Duration.ofHours(2));
      }
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + port + "/api/files/" + ids.get(i) + "/machines"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "filesight answered " + response.statusCode() + " for " + ids.get(i));
      }
      answers.put(ids.get(i), response.body());
    }
    return answers;
  }
}
