package io.filesight.benchmarks;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Benchmark 5: {@code CONCURRENT} requests at once for the hot file with {@code $top=10000}; for
 * each, the time to the first body byte and to the last, read from the stream as it arrives. With
 * {@code --heap URL}, the server's peak heap while they ran.
 *
 * <p>{@code --base URL --file SHA1 --tokens FILE --label L --results FILE [--heap URL]}. One
 * unrecorded round warms up first.
 */
public final class HotFileProbe {
  private static final int CONCURRENT = 16;

  private record Timing(long firstByteNanos, long lastByteNanos, long bytes, int status) {}

  private HotFileProbe() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String url = args.text("base") + "/api/files/" + args.text("file") + "/machines?$top=10000";
    List<String> tokens = Files.readAllLines(args.path("tokens"));
    String heap = args.text("heap", "");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
    try {
      round(client, pool, url, tokens, 0);
      if (!heap.isEmpty()) {
        get(client, heap + "/reset");
      }
      List<Timing> timings = round(client, pool, url, tokens, CONCURRENT);
      Results results = new Results(args.path("results"));
      String key = "hot." + args.text("label") + ".";
      long[] first = timings.stream().mapToLong(Timing::firstByteNanos).sorted().toArray();
      long[] last = timings.stream().mapToLong(Timing::lastByteNanos).sorted().toArray();
      results.put(key + "ttfb_median_ms", first[first.length / 2] / 1e6);
      results.put(key + "ttfb_max_ms", first[first.length - 1] / 1e6);
      results.put(key + "total_median_ms", last[last.length / 2] / 1e6);
      results.put(key + "total_max_ms", last[last.length - 1] / 1e6);
      results.put(key + "bytes", timings.get(0).bytes());
      results.put(key + "errors", timings.stream().filter(t -> t.status() != 200).count());
      if (!heap.isEmpty()) {
        for (String line : get(client, heap).split("\n")) {
          String[] kv = line.split("=");
          results.put(key + "heap_" + kv[0] + "_mb", Long.parseLong(kv[1]) / 1048576.0);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Timing> round(
      HttpClient client, ExecutorService pool, String url, List<String> tokens, int firstToken)
      throws Exception {
    List<CompletableFuture<Timing>> running = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      String token = tokens.get(firstToken + i);
      running.add(CompletableFuture.supplyAsync(() -> fetch(client, url, token), pool));
    }
    List<Timing> timings = new ArrayList<>();
    for (CompletableFuture<Timing> one : running) {
      timings.add(one.get());
    }
    return timings;
  }

  private static Timing fetch(HttpClient client, String url, String token) {
    try {
      long start = System.nanoTime();
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(120))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        byte[] buffer = new byte[64 * 1024];
        int read = body.read(buffer);
        long firstByte = System.nanoTime() - start;
        long bytes = Math.max(read, 0);
        while ((read = body.read(buffer)) >= 0) {
          bytes += read;
        }
        return new Timing(firstByte, System.nanoTime() - start, bytes, response.statusCode());
      }
    } catch (Exception e) {
      throw new IllegalStateException("hot file request failed", e);
    }
  }

  private static String get(HttpClient client, String url) throws Exception {
    return client
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
