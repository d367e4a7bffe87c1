package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.Caller;
import io.filesight.domain.Page;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Requests beyond the bound on requests in flight (handled plus waiting) are answered at once with
 * a JSON 503 and {@code Retry-After}, counted on {@code /metrics}; admitted ones complete, and
 * probes answer meanwhile.
 */
class LoadSheddingTest {
  private static final int HANDLED = 2;
  private static final int WAITING = 1;
  private static final int SHED = 3;

  @Test
  void requestsBeyondTheBoundGet503AtOnceWhileAdmittedOnesComplete() throws Exception {
    Semaphore entered = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    StubFind machines = new StubFind().seen(Machines.FILE, List.of(Machines.full()));
    TestServer http =
        new TestServer(
            (Caller caller, String fileId, Page page) -> {
              entered.release();
              await(release);
              return machines.find(caller, fileId, page);
            },
            TestServer.settings()
                .withMaxConcurrentRequests(HANDLED)
                .withMaxQueuedRequests(WAITING));
    try {
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
      for (int i = 0; i < HANDLED; i++) {
        admitted.add(client.sendAsync(lookup(http), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(entered.tryAcquire(HANDLED, 30, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < WAITING; i++) {
        admitted.add(client.sendAsync(lookup(http), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(waitingRequestsReach(http, WAITING)).isTrue();

      for (int i = 0; i < SHED; i++) {
        // Each on its own connection, as separate clients would send them.
        HttpResponse<String> shed =
            HttpClient.newHttpClient().send(lookup(http), HttpResponse.BodyHandlers.ofString());
        assertThat(shed.statusCode()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(TestServer.json(shed).at("/error/code").asText())
            .isEqualTo("ServiceUnavailable");
        assertThat(TestServer.json(shed).at("/error/message").asText()).contains("overloaded");
        assertThat(TestServer.json(shed).at("/error/target").asText())
            .isEqualTo(shed.headers().firstValue("request-id").orElseThrow());
      }
      HttpResponse<String> live = http.get("/health/live", null);
      assertThat(live.statusCode()).isEqualTo(200);
      String metrics = http.get("/metrics", null).body();
      assertThat(metrics).contains("filesight_http_shed_requests_total " + (double) SHED);
      assertThat(admitted).noneMatch(CompletableFuture::isDone);

      release.countDown();
      for (CompletableFuture<HttpResponse<String>> request : admitted) {
        HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response).get("value")).hasSize(1);
      }
    } finally {
      release.countDown();
      http.close();
    }
  }

  @Test
  void stopUnderOverloadReturnsAfterTheStopTimeoutWithoutFailing() throws Exception {
    CountDownLatch entered = new CountDownLatch(HANDLED);
    CountDownLatch never = new CountDownLatch(1);
    TestServer http =
        new TestServer(
            (Caller caller, String fileId, Page page) -> {
              entered.countDown();
              await(never);
              throw new AssertionError("released");
            },
            TestServer.settings()
                .withMaxConcurrentRequests(HANDLED)
                .withMaxQueuedRequests(WAITING)
                .withStopTimeout(Duration.ofSeconds(1)));
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < HANDLED; i++) {
      requests.add(client.sendAsync(lookup(http), HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    requests.add(client.sendAsync(lookup(http), HttpResponse.BodyHandlers.ofString()));
    assertThat(waitingRequestsReach(http, WAITING)).isTrue();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(http::close);

    try {
      // Far beyond the 1 s stop timeout, far below the handlers' 60 s wait; and no exception,
      // which would leave a signal handler short of its exit.
      stopping.get(30, TimeUnit.SECONDS);
      for (CompletableFuture<HttpResponse<String>> request : requests) {
        // Answered or cut, never left hanging, never a 500.
        Integer status =
            request.handle((r, e) -> r == null ? null : r.statusCode()).get(30, TimeUnit.SECONDS);
        assertThat(Optional.ofNullable(status)).isNotEqualTo(Optional.of(500));
      }
    } finally {
      never.countDown();
    }
  }

  private static HttpRequest lookup(TestServer http) {
    return HttpRequest.newBuilder(http.uri("/api/files/" + Machines.SHA1 + "/machines"))
        .header("Authorization", StubAuthenticate.GOOD)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private static final Pattern WAITING_GAUGE =
      Pattern.compile("(?m)^filesight_http_waiting_requests (\\S+)$");

  /** Polls {@code /metrics} until the waiting gauge reaches {@code count}; bounded. */
  private static boolean waitingRequestsReach(TestServer http, int count)
      throws InterruptedException {
    for (int attempt = 0; attempt < 1500; attempt++) {
      Matcher gauge = WAITING_GAUGE.matcher(http.get("/metrics", null).body());
      if (gauge.find() && Double.parseDouble(gauge.group(1)) >= count) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
