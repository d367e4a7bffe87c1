package io.filesight.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches answers while something writes the store: asks for each file in turn ({@code $top=10000})
 * until a stop file appears or the time is up, and counts, per file, answers whose machine count
 * fell below one seen before (an import only adds observations), beside the answers by status:
 * {@code --base URL --tokens FILE --hashes FILE --seconds N --stop FILE --label L --results FILE}.
 */
public final class LookupWatch {
  private static final int CALLS_PER_TOKEN = 90;

  private LookupWatch() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    List<String> tokens = Files.readAllLines(args.path("tokens"));
    List<String> hashes = Files.readAllLines(args.path("hashes"));
    String label = args.text("label");
    Results results = new Results(args.path("results"));
    ObjectMapper json = new ObjectMapper();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Map<String, Integer> most = new HashMap<>();
    Map<Integer, Long> statuses = new TreeMap<>();
    long decreases = 0;
    long calls = 0;
    long grew = 0;
    long deadline = System.nanoTime() + args.number("seconds") * 1_000_000_000L;
    while (System.nanoTime() < deadline && !Files.exists(args.path("stop"))) {
      String hash = hashes.get((int) (calls % hashes.size()));
      String token = tokens.get((int) (calls / CALLS_PER_TOKEN % tokens.size()));
      calls++;
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(args.text("base") + "/api/files/" + hash + "/machines?$top=10000"))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(30))
              .build();
      int status;
      int machines = 0;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        if (status == 200) {
          JsonNode value = json.readTree(response.body()).path("value");
          machines = value.size();
        }
      } catch (java.io.IOException e) {
        status = -1;
      }
      statuses.merge(status, 1L, Long::sum);
      if (status == 200 || status == 404) {
        Integer before = most.get(hash);
        if (before != null && machines < before) {
          decreases++;
        } else if (before != null && machines > before) {
          grew++;
        }
        if (before == null || machines > before) {
          most.put(hash, machines);
        }
      }
    }
    results.put("watch." + label + ".calls", Long.toString(calls));
    results.put("watch." + label + ".statuses", statuses.toString().replace(" ", ""));
    results.put("watch." + label + ".decreases", Long.toString(decreases));
    results.put("watch." + label + ".grew", Long.toString(grew));
    results.put(
        "watch." + label + ".5xx",
        Long.toString(
            statuses.entrySet().stream()
                .filter(e -> e.getKey() >= 500)
                .mapToLong(Map.Entry::getValue)
                .sum()));
  }
}
