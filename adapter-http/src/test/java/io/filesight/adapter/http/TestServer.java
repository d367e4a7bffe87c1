package io.filesight.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.CheckConnection;
import io.filesight.application.port.in.CheckReadiness;
import io.filesight.application.port.in.FindRelatedMachines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A real server on a free port with stubbed in-ports, and clients to call it over HTTP. */
final class TestServer implements AutoCloseable {
  static final CheckReadiness READY = () -> new CheckReadiness.Readiness(Map.of());

  /** A connection test that passes every caller. */
  static final CheckConnection CONNECTED = caller -> {};

  final FilesightHttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TestServer(FindRelatedMachines find) {
    this(find, new StubAuthenticate(), READY, settings());
  }

  TestServer(FindRelatedMachines find, HttpSettings settings) {
    this(find, new StubAuthenticate(), READY, settings);
  }

  TestServer(
      FindRelatedMachines find,
      AuthenticateCaller authenticate,
      CheckReadiness readiness,
      HttpSettings settings) {
    this(find, CONNECTED, authenticate, readiness, settings);
  }

  TestServer(
      FindRelatedMachines find,
      CheckConnection connectionTest,
      AuthenticateCaller authenticate,
      CheckReadiness readiness,
      HttpSettings settings) {
    server = new FilesightHttpServer(find, connectionTest, authenticate, readiness, settings);
    server.start();
  }

  static HttpSettings settings() {
    return HttpSettings.defaults().withPort(0).withBaseUrl(URI.create("http://127.0.0.1"));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  HttpResponse<String> send(String method, String pathAndQuery, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(pathAndQuery))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> sendForBytes(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends raw bytes, for requests no well-behaved client would send; returns the raw answer. */
  RawResponse raw(String request) {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return RawResponse.parse(answer.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  static JsonNode json(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** A response read off a socket. */
  record RawResponse(int status, String head, String body) {
    static RawResponse parse(String text) {
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      return new RawResponse(status, head, body);
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }
}
