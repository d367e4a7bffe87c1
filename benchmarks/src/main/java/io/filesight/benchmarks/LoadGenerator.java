package io.filesight.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 4: an open-model load generator. Every send time is fixed in advance at the target
 * rate; a request is sent at its time whether or not earlier ones have been answered, and its
 * latency counts from that intended time, so a stalled server is charged for every request that
 * queued behind the stall (no coordinated omission). Latencies go to an HdrHistogram.
 *
 * <p>{@code --base URL --files FILE --tokens FILE --rate N --seconds S --warmup S --label L
 * --results FILE}: the warm-up is sent at the same rate and not recorded; request {@code i} uses
 * token {@code i mod tokens} and a random file.
 */
public final class LoadGenerator {
  private static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private LoadGenerator() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String base = args.text("base");
    List<String> files = Files.readAllLines(args.path("files"));
    List<String> tokens = Files.readAllLines(args.path("tokens"));
    int rate = args.integer("rate");
    int warmup = rate * args.integer("warmup");
    int total = warmup + rate * args.integer("seconds");
    String label = args.text("label");

    SplittableRandom random = new SplittableRandom(7);
    HttpRequest[] requests = new HttpRequest[total];
    for (int i = 0; i < total; i++) {
      requests[i] =
          HttpRequest.newBuilder(
                  URI.create(
                      base + "/api/files/" + files.get(random.nextInt(files.size())) + "/machines"))
              .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
              .timeout(DRAIN)
              .build();
    }
    // A small fixed pool for completions: the default grows a thread per stalled response, and
    // on two shared cores those threads starve the sender when the server falls behind.
    ExecutorService completions = Executors.newFixedThreadPool(2);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(completions)
            .build();
    Histogram latencies = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long worstSendLag = 0;
    for (int i = 0; i < total; i++) {
      long intended = start + i * intervalNanos;
      long now;
      while ((now = System.nanoTime()) < intended) {
        LockSupport.parkNanos(intended - now);
      }
      worstSendLag = Math.max(worstSendLag, now - intended);
      boolean recorded = i >= warmup;
      client
          .sendAsync(requests[i], HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                long micros = (System.nanoTime() - intended) / 1000;
                if (recorded) {
                  latencies.recordValue(Math.min(micros, MAX_LATENCY_MICROS));
                  if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                  }
                }
                done.countDown();
              });
    }
    if (!done.await(DRAIN.toSeconds() + 5, TimeUnit.SECONDS)) {
      // The request timeout already failed these; a missing completion would be a client bug.
      errors.addAndGet(done.getCount());
    }
    Results results = new Results(args.path("results"));
    String key = "latency." + label + ".";
    results.put(key + "requests", latencies.getTotalCount());
    results.put(key + "errors", errors.get());
    results.put(key + "p50_ms", latencies.getValueAtPercentile(50) / 1000.0);
    results.put(key + "p99_ms", latencies.getValueAtPercentile(99) / 1000.0);
    results.put(key + "p999_ms", latencies.getValueAtPercentile(99.9) / 1000.0);
    results.put(key + "max_ms", latencies.getMaxValue() / 1000.0);
    results.put(key + "send_lag_max_ms", worstSendLag / 1e6);
    System.exit(0); // the HTTP client has no close on Java 17
  }
}
