package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The header deadline ends with the headers: a body that takes longer than it is read whole. No
 * route of the API reads a body, so a bare Jetty server with an echoing handler stands in.
 */
class HeaderDeadlineConnectionFactoryTest {
  @Test
  void aBodySlowerThanTheHeaderTimeoutIsReadWhole() throws Exception {
    List<EndPoint> late = new CopyOnWriteArrayList<>();
    Server server = new Server();
    ServerConnector connector =
        new ServerConnector(
            server,
            new HeaderDeadlineConnectionFactory(
                new HttpConfiguration(),
                Duration.ofSeconds(1),
                endPoint -> {
                  late.add(endPoint);
                  endPoint.close();
                }));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new BodyLength());
    server.start();
    // Twelve bytes a dribble interval apart: more than twice the header timeout.
    String body = "b".repeat(12);
    try (SlowClient client = new SlowClient(connector.getLocalPort())) {
      client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n");
      client.dribble(body);

      TestServer.RawResponse answer = client.readAnswer();

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("read 12");
      assertThat(late).isEmpty();
    } finally {
      server.stop();
    }
  }

  /** Reads the whole body, however slowly it comes, and answers its length. */
  private static final class BodyLength extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String body = Content.Source.asString(request);
      Content.Sink.write(response, true, "read " + body.length(), callback);
      return true;
    }
  }
}
