package io.filesight.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several applications burst at once: each token (one application) sends {@code --calls} lookups
 * concurrently with the others', then, once the longest {@code Retry-After} any refusal named has
 * passed, one more each. Counts per application the admitted calls (Defender's quota: 100 a
 * minute), the refusals and their {@code Retry-After} range, and whether each application is
 * admitted again right after its {@code Retry-After}: {@code --base URL --tokens FILE --calls N
 * --hash SHA1 --threads N --results FILE}.
 */
public final class QuotaBurst {
  private QuotaBurst() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    List<String> tokens = Files.readAllLines(args.path("tokens"));
    int calls = args.integer("calls");
    Results results = new Results(args.path("results"));
    String url = args.text("base") + "/api/files/" + args.text("hash") + "/machines";
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Map<String, Map<Integer, AtomicLong>> statuses = new ConcurrentHashMap<>();
    Map<String, long[]> retryAfter = new ConcurrentHashMap<>(); // min, max
    AtomicLong admittedAgainAt = new AtomicLong(); // the latest refusal's end, in nanoTime
    ExecutorService pool = Executors.newFixedThreadPool(args.integer("threads"));
    List<Future<?>> done = new ArrayList<>();
    long started = System.nanoTime();
    // Interleaved, so that every application's calls overlap every other's.
    for (int i = 0; i < calls; i++) {
      for (String token : tokens) {
        done.add(
            pool.submit(
                () -> {
                  HttpResponse<Void> response = call(client, url, token);
                  int status = response == null ? -1 : response.statusCode();
                  statuses
                      .computeIfAbsent(token, t -> new ConcurrentHashMap<>())
                      .computeIfAbsent(status, s -> new AtomicLong())
                      .incrementAndGet();
                  if (status == 429) {
                    long seconds =
                        Long.parseLong(response.headers().firstValue("Retry-After").orElse("-1"));
                    retryAfter.merge(
                        token,
                        new long[] {seconds, seconds},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                    long end = System.nanoTime() + seconds * 1_000_000_000L;
                    admittedAgainAt.accumulateAndGet(end, Math::max);
                  }
                  return null;
                }));
      }
    }
    for (Future<?> future : done) {
      future.get();
    }
    double burstSeconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    long exact = 0;
    long fiveHundreds = 0;
    long minRetry = Long.MAX_VALUE;
    long maxRetry = Long.MIN_VALUE;
    Map<Long, Long> admittedCounts = new TreeMap<>();
    for (String token : tokens) {
      Map<Integer, AtomicLong> byStatus = statuses.getOrDefault(token, Map.of());
      long admitted = byStatus.containsKey(200) ? byStatus.get(200).get() : 0;
      admittedCounts.merge(admitted, 1L, Long::sum);
      if (admitted == 100) {
        exact++;
      }
      for (Map.Entry<Integer, AtomicLong> e : byStatus.entrySet()) {
        if (e.getKey() >= 500 || e.getKey() < 0) {
          fiveHundreds += e.getValue().get();
        }
      }
      long[] range = retryAfter.get(token);
      if (range != null) {
        minRetry = Math.min(minRetry, range[0]);
        maxRetry = Math.max(maxRetry, range[1]);
      }
    }
    results.put("quota.apps", Long.toString(tokens.size()));
    results.put("quota.calls_per_app", Long.toString(calls));
    results.put("quota.burst_seconds", burstSeconds);
    results.put("quota.apps_admitted_exactly_100", Long.toString(exact));
    results.put("quota.admitted_per_app", admittedCounts.toString().replace(" ", ""));
    results.put("quota.5xx_or_no_answer", Long.toString(fiveHundreds));
    results.put("quota.retry_after_min", Long.toString(minRetry));
    results.put("quota.retry_after_max", Long.toString(maxRetry));
    // Retry-After is rounded up to whole seconds: after the latest refusal's, every window has
    // room.
    long wait = (admittedAgainAt.get() - System.nanoTime()) / 1_000_000 + 200;
    Thread.sleep(Math.max(0, wait));
    long again = 0;
    for (String token : tokens) {
      HttpResponse<Void> response = call(client, url, token);
      if (response != null && response.statusCode() == 200) {
        again++;
      }
    }
    results.put("quota.apps_admitted_after_retry_after", Long.toString(again));
  }

  private static HttpResponse<Void> call(HttpClient client, String url, String token) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
