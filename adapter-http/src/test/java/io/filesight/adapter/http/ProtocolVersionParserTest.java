package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parser tells an unsupported version from a malformed one however the request line is split
 * across reads, and after empty lines and earlier requests on the same connection.
 */
class ProtocolVersionParserTest {

  @ParameterizedTest
  @CsvSource({
    "HTTP/9.9, 505",
    "HTTP/1.2, 505",
    "HTTP/9.99, 400",
    "HTTP/9.x, 400",
    "XHTTP/9.9, 400",
    "http/9.9, 400"
  })
  void versionIsJudgedWhereverTheRequestLineIsCut(String version, int status) {
    String request = "\r\nGET /health/live " + version + "\r\nHost: x\r\n\r\n";
    for (int cut = 0; cut <= request.length(); cut++) {
      Recording handler = new Recording();
      HttpParser parser = parser(handler);

      parse(parser, request.substring(0, cut));
      parse(parser, request.substring(cut));

      assertThat(handler.failure).as("cut at %d", cut).isNotNull();
      assertThat(handler.failure.getCode()).as("cut at %d", cut).isEqualTo(status);
    }
  }

  @ParameterizedTest
  @CsvSource({"HTTP/9.9, 505", "HTTP/1.1x, 400"})
  void versionOfALaterRequestOnTheConnectionIsJudgedAlone(String version, int status) {
    Recording handler = new Recording();
    HttpParser parser = parser(handler);
    parse(parser, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(handler.completed).isTrue();
    parser.reset();

    parse(parser, "GET /b " + version + "\r\nHost: x\r\n\r\n");

    assertThat(handler.failure.getCode()).isEqualTo(status);
  }

  private static HttpParser parser(Recording handler) {
    return new ProtocolVersionParser(handler, 8192, HttpCompliance.RFC9110);
  }

  private static void parse(HttpParser parser, String text) {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    while (buffer.hasRemaining() && !parser.isClose() && !parser.isClosed()) {
      int before = buffer.remaining();
      parser.parseNext(buffer);
      if (buffer.remaining() == before) {
        break;
      }
    }
  }

  private static final class Recording implements HttpParser.RequestHandler {
    HttpException failure;
    boolean completed;

    @Override
    public void startRequest(String method, String uri, HttpVersion version) {}

    @Override
    public boolean content(ByteBuffer content) {
      return false;
    }

    @Override
    public boolean headerComplete() {
      return false;
    }

    @Override
    public boolean contentComplete() {
      return false;
    }

    @Override
    public boolean messageComplete() {
      completed = true;
      return true;
    }

    @Override
    public void parsedHeader(HttpField field) {}

    @Override
    public void earlyEOF() {}

    @Override
    public void badMessage(HttpException failure) {
      this.failure = failure;
    }
  }
}
