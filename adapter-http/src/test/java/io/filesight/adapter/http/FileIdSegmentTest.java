package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw {@code {id}} segment is handled deliberately: only ASCII hex of a hash's length passes;
 * uppercase is the same file; encoded slashes, dots, path parameters, CR/LF, non-ASCII digits and
 * overlong input are invalid hashes (400), decided after authentication.
 */
class FileIdSegmentTest {
  private static final StubFind FIND = new StubFind().seen(Machines.FILE, List.of(Machines.full()));
  private static TestServer http;

  @BeforeAll
  static void start() {
    http = new TestServer(FIND);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4388963aaa83afe2042a46a3%2Fc017ad50bdcdafb3",
        "4388963aaa83afe2042a46a3%2fc017ad50bdcdafb3",
        "%2e%2e",
        "%2E%2E%2F%2E%2E",
        "4388963aaa83afe2042a46a3c017ad50bdcdafb3;x=1",
        "4388963aaa83afe2042a46a3c017ad50bdcdafb3%3Bx=1",
        "4388963aaa83afe2042a46a3c017ad50bdcdafb3%0d%0a",
        "%0d%0aSet-Cookie:%20a=b",
        "%EF%BC%91388963aaa83afe2042a46a3c017ad50bdcdafb",
        "4388963aaa83afe2042a46a3c017ad50bdcdafb3%20",
        "+388963aaa83afe2042a46a3c017ad50bdcdafb3",
        "0x88963aaa83afe2042a46a3c017ad50bdcdafb3",
        "%34388963aaa83afe2042a46a3c017ad50bdcdafb3"
      })
  void encodedOrNonHexSegmentsAreInvalidHashValues(String segment) {
    HttpResponse<String> response =
        http.get("/api/files/" + segment + "/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("InvalidHashValue");
    assertThat(TestServer.json(response).at("/error/message").asText())
        .isEqualTo("Hash value " + segment + " is invalid");
  }

  @Test
  void overlongIdIsCutInTheMessage() {
    String segment = "a".repeat(2_000);

    HttpResponse<String> response =
        http.get("/api/files/" + segment + "/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(response).at("/error/message").asText())
        .isEqualTo("Hash value " + "a".repeat(128) + "... is invalid");
  }

  @Test
  void rawSegmentReachesTheUseCaseUndecoded() {
    http.get("/api/files/ab%2Fcd/machines", StubAuthenticate.GOOD);

    assertThat(FIND.calls).extracting(StubFind.Call::fileId).contains("ab%2Fcd");
  }

  @Test
  void mixedCaseHexIsTheSameFile() {
    HttpResponse<String> response =
        http.get(
            "/api/files/4388963AAA83afe2042A46a3c017ad50bdcdafb3/machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(response).at("/value/0/id").asText())
        .isEqualTo("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
  }

  @Test
  void trailingSlashIsNotTheRoute() {
    HttpResponse<String> response =
        http.get("/api/files/" + Machines.SHA1 + "/machines/", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("NotFound");
  }

  @Test
  void emptySegmentIsNotTheRoute() {
    HttpResponse<String> response = http.get("/api/files//machines", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(404);
  }
}
