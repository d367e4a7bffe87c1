package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.Caller;
import io.filesight.domain.Page;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Javalin issue #2332: stopping must let in-flight requests finish and refuse new ones. */
class GracefulStopTest {

  @Test
  void stopLetsTheInFlightRequestFinishAndRefusesNewOnes() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StubFind machines = new StubFind().seen(Machines.FILE, List.of(Machines.full()));
    TestServer http =
        new TestServer(
            (Caller caller, String fileId, Page page) -> {
              entered.countDown();
              await(release);
              return machines.find(caller, fileId, page);
            },
            TestServer.settings().withStopTimeout(Duration.ofSeconds(30)));
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            HttpRequest.newBuilder(http.uri("/api/files/" + Machines.SHA1 + "/machines"))
                .header("Authorization", StubAuthenticate.GOOD)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    int port = http.server.port();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(http.server::stop);
    assertThat(newRequestsAreRefused(port)).isTrue();
    assertThat(stopping).isNotDone();
    release.countDown();

    HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(response).get("value")).hasSize(1);
    stopping.get(30, TimeUnit.SECONDS);
  }

  /** Polls with fresh connections until one is refused (503 or no connection); bounded. */
  private static boolean newRequestsAreRefused(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 500; attempt++) {
      HttpClient fresh = HttpClient.newHttpClient();
      try {
        HttpResponse<String> response =
            fresh.send(
                HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/health/live"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
          assertThat(TestServer.json(response).at("/error/code").asText())
              .isEqualTo("ServiceUnavailable");
          return true;
        }
      } catch (IOException refused) {
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
