package io.filesight.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Raw-HTTP abuse of a running server, one kind per run ({@code --kind}): {@code smuggling} (request
 * shapes that two parsers could read differently, RFC 9112 §6.3 and §11.2), {@code pipelining},
 * {@code oversized} headers and URIs, {@code random-ids}, {@code idle} connections and {@code
 * slowloris} (connections dribbling their headers while a normal client keeps asking). Every answer
 * is counted by status; a 5xx, a stack trace in a body or a request left without answer is counted
 * apart. Arguments: {@code --kind K --port N --tokens FILE --hash SHA1 --results FILE}, and per
 * kind {@code --count N}, {@code --seconds N}.
 */
public final class RawAbuse {
  private static final int CALLS_PER_TOKEN = 90;

  private final int port;
  private final List<String> tokens;
  private final String hash;
  private final Results results;
  private int calls;

  private RawAbuse(int port, List<String> tokens, String hash, Results results, int firstCall) {
    this.calls = firstCall;
    this.port = port;
    this.tokens = tokens;
    this.hash = hash;
    this.results = results;
  }

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    RawAbuse abuse =
        new RawAbuse(
            args.integer("port"),
            Files.readAllLines(args.path("tokens")),
            args.text("hash"),
            new Results(args.path("results")),
            args.integer("first-token", 0) * CALLS_PER_TOKEN);
    switch (args.text("kind")) {
      case "smuggling" -> abuse.smuggling();
      case "pipelining" -> abuse.pipelining(args.integer("count"));
      case "oversized" -> abuse.oversized();
      case "random-ids" -> abuse.randomIds(args.integer("count"));
      case "idle" -> abuse.idle(args.integer("count"), args.integer("seconds"));
      case "slowloris" -> abuse.slowloris(args.integer("count"), args.integer("seconds"));
      default -> throw new IllegalArgumentException("unknown --kind " + args.text("kind"));
    }
  }

  /** A token no application has used more than {@value #CALLS_PER_TOKEN} times in this run. */
  private String token() {
    return tokens.get(calls++ / CALLS_PER_TOKEN % tokens.size());
  }

  private String lookup() {
    return "/api/files/" + hash + "/machines";
  }

  private void smuggling() throws IOException {
    String smuggled = "GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n";
    String chunkedThenSmuggled = "0\r\n\r\n" + smuggled;
    Map<String, String> shapes = new LinkedHashMap<>();
    String head = "POST " + lookup() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ";
    shapes.put(
        "CL.TE: Content-Length and Transfer-Encoding chunked",
        head
            + token()
            + "\r\nContent-Length: "
            + chunkedThenSmuggled.length()
            + "\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunkedThenSmuggled);
    shapes.put(
        "TE.CL: Transfer-Encoding chunked then Content-Length 4",
        head
            + token()
            + "\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
            + "5c\r\n"
            + smuggled
            + "\r\n0\r\n\r\n");
    // Valid framing (RFC 9112 §6.1: codings are case-insensitive, chunked comes last): read as
    // chunked, the request after the body is a pipelined one and may be answered.
    List<String> readAsChunked = List.of("identity, chunked", "CHUNKED ");
    for (String te :
        List.of(
            "xchunked", "chunked, identity", "identity, chunked", "chunked\u000b", "CHUNKED ")) {
      shapes.put(
          "Transfer-Encoding: " + te.replace("\u000b", "\\v"),
          head + token() + "\r\nTransfer-Encoding: " + te + "\r\n\r\n" + chunkedThenSmuggled);
    }
    shapes.put(
        "Transfer-Encoding with a space before the colon",
        head + token() + "\r\nTransfer-Encoding : chunked\r\n\r\n" + chunkedThenSmuggled);
    shapes.put(
        "two Transfer-Encoding fields (chunked, identity)",
        head
            + token()
            + "\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n"
            + chunkedThenSmuggled);
    shapes.put(
        "Transfer-Encoding chunked on HTTP/1.0",
        "POST "
            + lookup()
            + " HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunkedThenSmuggled);
    shapes.put(
        "two different Content-Length fields",
        head
            + token()
            + "\r\nContent-Length: 0\r\nContent-Length: "
            + smuggled.length()
            + "\r\n\r\n"
            + smuggled);
    shapes.put(
        "Content-Length list \"0, 40\"",
        head + token() + "\r\nContent-Length: 0, " + smuggled.length() + "\r\n\r\n" + smuggled);
    shapes.put(
        "Content-Length \"+0\"", head + token() + "\r\nContent-Length: +0\r\n\r\n" + smuggled);
    shapes.put(
        "obs-fold continuing Transfer-Encoding",
        head + token() + "\r\nTransfer-Encoding:\r\n chunked\r\n\r\n" + chunkedThenSmuggled);
    shapes.put(
        "obs-fold continuing Authorization",
        "GET "
            + lookup()
            + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n "
            + token()
            + "\r\n\r\n");
    shapes.put(
        "a request line ending in a bare CR",
        "GET " + lookup() + " HTTP/1.1\rHost: x\r\n\r\n" + smuggled);
    shapes.put(
        "chunk size with an extension overflow",
        head
            + token()
            + "\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff1\r\nx\r\n0\r\n\r\n"
            + smuggled);
    int refused = 0;
    int smuggledAnswered = 0;
    int bad = 0;
    for (Map.Entry<String, String> shape : shapes.entrySet()) {
      RawClient.Exchange answer = RawClient.send(port, shape.getValue(), 2, 1_000, 5_000);
      List<Integer> statuses = answer.statuses();
      boolean valid = readAsChunked.stream().anyMatch(te -> shape.getKey().endsWith(": " + te));
      boolean refusedOrRead =
          valid
              ? statuses.stream().allMatch(st -> st < 500)
              : !statuses.isEmpty() && statuses.get(0) < 500 && statuses.size() == 1;
      refused += refusedOrRead ? 1 : 0;
      smuggledAnswered += statuses.size() > 1 && !valid ? 1 : 0;
      bad += statuses.stream().anyMatch(s -> s >= 500) || answer.stackTrace() ? 1 : 0;
      results.put(
          "abuse.smuggling.case." + shape.getKey(),
          statuses + (answer.closed() ? " closed" : " open"));
    }
    results.put("abuse.smuggling.shapes", Integer.toString(shapes.size()));
    results.put("abuse.smuggling.refused_or_valid", Integer.toString(refused));
    results.put("abuse.smuggling.second_request_answered", Integer.toString(smuggledAnswered));
    results.put("abuse.smuggling.5xx_or_trace", Integer.toString(bad));
  }

  private void pipelining(int count) throws IOException {
    StringBuilder requests = new StringBuilder();
    String token = token();
    for (int i = 0; i < count; i++) {
      requests
          .append("GET ")
          .append(i % 2 == 0 ? lookup() : "/health/live")
          .append(" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ")
          .append(token)
          .append(i == count - 1 ? "\r\nConnection: close" : "")
          .append("\r\n\r\n");
    }
    RawClient.Exchange answer = RawClient.send(port, requests.toString(), count, 2_000, 30_000);
    List<Integer> statuses = answer.statuses();
    results.put("abuse.pipelining.sent", Integer.toString(count));
    results.put("abuse.pipelining.answered", Integer.toString(statuses.size()));
    results.put(
        "abuse.pipelining.answered_200",
        Long.toString(statuses.stream().filter(s -> s == 200).count()));
    results.put("abuse.pipelining.closed_after_last", Boolean.toString(answer.closed()));
  }

  private void oversized() throws IOException {
    Map<String, String> cases = new LinkedHashMap<>();
    String get = "GET " + lookup() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    cases.put("a 25 KB header field", get + "X-Pad: " + "p".repeat(25_000) + "\r\n\r\n");
    cases.put(
        "300 header fields of 100 bytes",
        get
            + "X-Pad: "
            + "p".repeat(92)
            + "\r\n".repeat(1)
            + ("X-Pad: " + "p".repeat(91) + "\r\n").repeat(299)
            + "\r\n");
    cases.put(
        "a 17 KB header block with a valid token",
        get + "Authorization: Bearer " + token() + "\r\nX-Pad: " + "p".repeat(17_000) + "\r\n\r\n");
    cases.put(
        "a 17 KB bearer token (over the 16 KiB cap)",
        get + "Authorization: Bearer " + "a".repeat(17_000) + "\r\n\r\n");
    cases.put(
        "a 30 KB request URI",
        "GET /api/files/" + "a".repeat(30_000) + "/machines HTTP/1.1\r\nHost: x\r\n\r\n");
    cases.put("a 1 MB header field", get + "X-Pad: " + "p".repeat(1_000_000) + "\r\n\r\n");
    int bad = 0;
    int jsonBodies = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      RawClient.Exchange answer;
      try {
        answer = RawClient.send(port, c.getValue(), 1, 500, 10_000);
      } catch (IOException e) {
        answer = new RawClient.Exchange("", true, 0); // reset while still writing
      }
      bad += answer.status() >= 500 || answer.stackTrace() ? 1 : 0;
      jsonBodies += answer.text().contains("{\"error\":{") ? 1 : 0;
      results.put("abuse.oversized.case." + c.getKey(), Integer.toString(answer.status()));
    }
    results.put("abuse.oversized.cases", Integer.toString(cases.size()));
    results.put("abuse.oversized.json_error_bodies", Integer.toString(jsonBodies));
    results.put("abuse.oversized.5xx_or_trace", Integer.toString(bad));
  }

  private void randomIds(int count) throws IOException {
    SplittableRandom random = new SplittableRandom(15);
    Map<Integer, Long> statuses = new TreeMap<>();
    long traces = 0;
    for (int i = 0; i < count; i++) {
      String id = randomId(random);
      String request =
          "GET /api/files/"
              + id
              + "/machines HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + token()
              + "\r\nConnection: close\r\n\r\n";
      RawClient.Exchange answer = RawClient.send(port, request, 1, 200, 10_000);
      statuses.merge(answer.status(), 1L, Long::sum);
      traces += answer.stackTrace() ? 1 : 0;
    }
    results.put("abuse.random_ids.sent", Integer.toString(count));
    results.put("abuse.random_ids.statuses", statuses.toString().replace(" ", ""));
    results.put(
        "abuse.random_ids.5xx_or_none",
        Long.toString(
            statuses.entrySet().stream()
                .filter(e -> e.getKey() >= 500 || e.getKey() < 0)
                .mapToLong(Map.Entry::getValue)
                .sum()));
    results.put("abuse.random_ids.stack_traces", Long.toString(traces));
  }

  /** Hex of every length, valid hashes of each kind, escapes good and bad, raw bytes, long ids. */
  private static String randomId(SplittableRandom random) {
    String hex = "0123456789abcdefABCDEF";
    StringBuilder id = new StringBuilder();
    switch (random.nextInt(6)) {
      case 0 -> {
        int length = List.of(32, 40, 64).get(random.nextInt(3)) + (random.nextInt(4) == 0 ? 1 : 0);
        for (int i = 0; i < length; i++) {
          id.append(hex.charAt(random.nextInt(hex.length())));
        }
      }
      case 1 -> {
        for (int i = random.nextInt(80); i > 0; i--) {
          id.append(hex.charAt(random.nextInt(hex.length())));
        }
      }
      case 2 -> {
        for (int i = random.nextInt(60); i > 0; i--) {
          id.append(String.format("%%%02X", random.nextInt(256)));
        }
      }
      case 3 -> {
        String odd = "%%G%1%zz%%%.;/\\?#[]@!$&'()*+,=~-_:|<>\"`{}^";
        for (int i = random.nextInt(40) + 1; i > 0; i--) {
          id.append(odd.charAt(random.nextInt(odd.length())));
        }
      }
      case 4 -> {
        for (int i = random.nextInt(40) + 1; i > 0; i--) {
          id.append((char) (0x21 + random.nextInt(0xff - 0x21))); // raw bytes, not UTF-8
        }
      }
      default -> id.append("a".repeat(random.nextInt(12_000)));
    }
    return id.toString();
  }

  private void idle(int count, int seconds) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < count; i++) {
      try {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        sockets.add(socket);
      } catch (IOException e) {
        refused++;
      }
    }
    long started = System.nanoTime();
    RawClient.Exchange normal =
        RawClient.send(
            port,
            "GET "
                + lookup()
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + token()
                + "\r\nConnection: close\r\n\r\n",
            1,
            200,
            10_000);
    Thread.sleep(Math.max(0, seconds * 1000L - (System.nanoTime() - started) / 1_000_000));
    int closed = 0;
    for (Socket socket : sockets) {
      socket.setSoTimeout(1);
      try {
        if (socket.getInputStream().read(new byte[4096]) < 0) {
          closed++;
        } else {
          closed++; // an answer (408) before the close
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        closed++;
      }
      socket.close();
    }
    results.put("abuse.idle.opened", Integer.toString(sockets.size()));
    results.put("abuse.idle.refused", Integer.toString(refused));
    results.put("abuse.idle.normal_status", Integer.toString(normal.status()));
    results.put("abuse.idle.normal_ms", Long.toString(normal.millis()));
    results.put("abuse.idle.closed_by_server_after_s", seconds + ":" + closed);
  }

  private void slowloris(int count, int seconds) throws Exception {
    long[] before = normalClient(Math.min(seconds, 10), new AtomicBoolean());
    List<Socket> sockets = new ArrayList<>();
    List<Long> openedAt = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(1);
      socket
          .getOutputStream()
          .write(
              "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: "
                  .getBytes(StandardCharsets.ISO_8859_1));
      sockets.add(socket);
      openedAt.add(System.nanoTime());
    }
    AtomicBoolean stop = new AtomicBoolean();
    long[][] during = new long[1][];
    Thread normal = new Thread(() -> during[0] = normalClient(seconds, stop));
    normal.start();
    long[] closedAfterMillis = new long[count];
    int[] answered408 = new int[1];
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    byte[] buffer = new byte[4096];
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < count; i++) {
        if (closedAfterMillis[i] != 0) {
          continue;
        }
        Socket socket = sockets.get(i);
        try {
          socket.getOutputStream().write('s');
          InputStream in = socket.getInputStream();
          int n = in.read(buffer);
          if (n > 0
              && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 408")) {
            answered408[0]++;
          }
          closedAfterMillis[i] = (System.nanoTime() - openedAt.get(i)) / 1_000_000;
        } catch (SocketTimeoutException e) {
          // still dribbling
        } catch (IOException e) {
          closedAfterMillis[i] = (System.nanoTime() - openedAt.get(i)) / 1_000_000;
        }
      }
      Thread.sleep(500);
    }
    stop.set(true);
    normal.join();
    for (Socket socket : sockets) {
      socket.close();
    }
    long[] closed = Arrays.stream(closedAfterMillis).filter(m -> m > 0).sorted().toArray();
    results.put("abuse.slowloris.connections", Integer.toString(count));
    results.put("abuse.slowloris.seconds", Integer.toString(seconds));
    results.put("abuse.slowloris.closed_by_server", Integer.toString(closed.length));
    results.put("abuse.slowloris.answered_408", Integer.toString(answered408[0]));
    if (closed.length > 0) {
      results.put("abuse.slowloris.closed_after_ms_min", Long.toString(closed[0]));
      results.put("abuse.slowloris.closed_after_ms_max", Long.toString(closed[closed.length - 1]));
    }
    results.put("abuse.slowloris.normal_before_p50_ms", percentile(before, 0.50));
    results.put("abuse.slowloris.normal_before_p99_ms", percentile(before, 0.99));
    results.put("abuse.slowloris.normal_during_p50_ms", percentile(during[0], 0.50));
    results.put("abuse.slowloris.normal_during_p99_ms", percentile(during[0], 0.99));
    results.put(
        "abuse.slowloris.normal_during_failed",
        Long.toString(Arrays.stream(during[0]).filter(m -> m < 0).count()));
  }

  /**
   * A normal client: a lookup every 50 ms on a new connection; each one's milliseconds, -1 failed.
   */
  private long[] normalClient(int seconds, AtomicBoolean stop) {
    List<Long> millis = new ArrayList<>();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline && !stop.get()) {
      String request;
      synchronized (this) {
        request =
            "GET "
                + lookup()
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + token()
                + "\r\nConnection: close\r\n\r\n";
      }
      try {
        RawClient.Exchange answer = RawClient.send(port, request, 1, 100, 10_000);
        millis.add(answer.status() == 200 ? answer.millis() : -1);
      } catch (IOException e) {
        millis.add(-1L);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return millis.stream().mapToLong(Long::longValue).toArray();
  }

  private static String percentile(long[] millis, double p) {
    long[] ok = Arrays.stream(millis).filter(m -> m >= 0).sorted().toArray();
    if (ok.length == 0) {
      return "n/a";
    }
    return Long.toString(ok[Math.min(ok.length - 1, (int) Math.ceil(p * ok.length) - 1)]);
  }
}
