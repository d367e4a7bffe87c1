package io.filesight.bootstrap.cli;

import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code filesight health}: asks a running server whether it is live (or ready, or started), for
 * container health checks in an image without an HTTP client.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Asks a running server GET /health/live (or /health/ready with --ready, /health/started with"
          + " --started) and prints one line:"
          + " for a container HEALTHCHECK, in an image without curl. Use /health/live there: an"
          + " identity provider's blip makes the server not ready, and must not restart it.",
      "Exits 0 when the server answers 200, 1 otherwise (another status, no answer in time, no"
          + " server), 2 for a bad option."
    })
public final class HealthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "The server's base URL (default ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--ready", description = "Ask /health/ready instead of /health/live.")
  boolean ready;

  @Option(
      names = "--started",
      description =
          "Ask /health/started instead of /health/live: 200 once start-up finished (database"
              + " opened and migrated, keys loaded), for a start-up probe.")
  boolean started;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "3s",
      description =
          "How long connecting and the whole answer may take together (default"
              + " ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() {
    URI base = Settings.baseUrl("--url", url);
    Duration bound = Settings.duration("--timeout", timeout);
    if (ready && started) {
      throw new ConfigurationException(
          "--ready and --started ask different probes (/health/ready, /health/started): give one");
    }
    String path = ready ? "/health/ready" : started ? "/health/started" : "/health/live";
    URI probe = URI.create(base + path);
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(bound)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest request = HttpRequest.newBuilder(probe).timeout(bound).GET().build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        spec.commandLine().getOut().println("up: " + probe + " answered 200");
        return FilesightCli.OK;
      }
      spec.commandLine()
          .getErr()
          .printf(Locale.ROOT, "filesight: %s answered %d%n", probe, response.statusCode());
      return FilesightCli.FAILURE;
    } catch (HttpTimeoutException e) {
      return down(probe, "no answer within " + bound.toMillis() + " ms");
    } catch (IOException e) {
      return down(probe, "no answer: " + FilesightCli.oneLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(probe, "interrupted");
    }
  }

  private int down(URI probe, String why) {
    spec.commandLine().getErr().println("filesight: " + probe + ": " + why);
    return FilesightCli.FAILURE;
  }
}
