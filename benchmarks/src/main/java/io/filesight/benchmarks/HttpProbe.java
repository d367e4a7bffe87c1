package io.filesight.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One GET, printed as one line {@code STATUS BODY} (the body's first 300 characters, or {@code
 * none} when no answer came within the timeout); {@code --body FILE} also keeps the whole body:
 * {@code --url URL [--token T] [--timeout-ms N] [--body FILE]}.
 */
public final class HttpProbe {
  private HttpProbe() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(args.text("url")))
            .timeout(Duration.ofMillis(args.number("timeout-ms", 10_000)));
    String token = args.text("token", "");
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (!args.text("body", "").isEmpty()) {
        java.nio.file.Files.writeString(args.path("body"), response.body());
      }
      String body = response.body().replaceAll("\\s+", " ");
      System.out.println(
          response.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) : body));
    } catch (java.io.IOException e) {
      System.out.println("none " + e.getClass().getSimpleName());
    }
  }
}
