package io.filesight.adapter.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bottom of nimbus's key-set chain: reads the JWKS document of a {@link JwksSource}, at most
 * {@link #MAX_BYTES} of it, a URL without following redirects and within the source's timeout, body
 * included. Every read that fails is logged here, once, whichever layer asked for it.
 */
final class JwksReader implements JWKSetSource<SecurityContext> {
  /**
   * A key set is a few kilobytes; a document this large is not one, and is refused before it fills
   * memory.
   */
  static final int MAX_BYTES = 512 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(JwksReader.class);

  private final JwksSource source;
  private final HttpClient http;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile long lastReadAt = Long.MIN_VALUE;
  private volatile String lastProblem = "keys not loaded yet";

  JwksReader(JwksSource source) {
    this.source = source;
    this.http =
        source instanceof JwksSource.JwksUrl url
            ? HttpClient.newBuilder()
                .connectTimeout(url.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
            : null;
  }

  @Override
  public JWKSet getJWKSet(
      JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
      throws JWKSetUnavailableException {
    reads.incrementAndGet();
    lastReadAt = currentTime;
    try {
      JWKSet keys = JWKSet.parse(new String(read(), StandardCharsets.UTF_8));
      lastProblem = null;
      return keys;
    } catch (IOException | ParseException | RuntimeException e) {
      String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
      failures.incrementAndGet();
      lastProblem = problem;
      LOG.warn("signing keys not read from {}: {}", source.describe(), problem);
      throw new JWKSetUnavailableException(problem, e);
    }
  }

  @Override
  public void close() {
    // Nothing held between reads.
  }

  /** How many reads were tried. */
  long reads() {
    return reads.get();
  }

  /** How many reads failed. */
  long failures() {
    return failures.get();
  }

  /** The time, on the chain's clock, of the last read tried; {@link Long#MIN_VALUE} before any. */
  long lastReadAt() {
    return lastReadAt;
  }

  /** Why the last read failed, or {@code null} after one that succeeded. */
  String lastProblem() {
    return lastProblem;
  }

  private byte[] read() throws IOException {
    if (source instanceof JwksSource.JwksFile file) {
      try (InputStream in = Files.newInputStream(file.path())) {
        byte[] document = in.readNBytes(MAX_BYTES + 1);
        if (document.length > MAX_BYTES) {
          throw tooLarge();
        }
        return document;
      }
    }
    JwksSource.JwksUrl url = (JwksSource.JwksUrl) source;
    HttpRequest request =
        HttpRequest.newBuilder(url.uri())
            .timeout(url.timeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> response =
        http.sendAsync(request, info -> new CappedBody());
    try {
      // Bounds the whole exchange, body included, not only the wait for the headers.
      HttpResponse<byte[]> answer = response.get(url.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (answer.statusCode() != 200) {
        throw new IOException("HTTP " + answer.statusCode() + " from " + url.uri());
      }
      return answer.body();
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new IOException("no complete answer from " + url.uri() + " within " + url.timeout(), e);
    } catch (ExecutionException e) {
      throw new IOException("fetching " + url.uri() + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url.uri(), e);
    }
  }

  private IOException tooLarge() {
    return new IOException(
        "the key set from " + source.describe() + " is larger than " + MAX_BYTES + " bytes");
  }

  /** Collects a response body and gives up, unsubscribing, once it exceeds the cap. */
  private final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > MAX_BYTES) {
          subscription.cancel();
          body.completeExceptionally(tooLarge());
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }
  }
}
