package io.filesight.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.http.FilesightHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {
  private final PrintStream realErr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setErr(realErr);
    LoggingSetup.configure("text");
  }

  @Test
  void textAccessLinesDoNotRepeatTheirKeyValuePairsWhileOtherLinesKeepThem() {
    String out = logBoth("text");

    assertThat(out)
        .contains("access - GET /x 200 request-id=r1")
        .doesNotContain("status=\"200\"")
        .contains("other - started port=\"8080\"");
  }

  @Test
  void jsonLinesCarryEveryKeyValuePairAsAField() {
    String out = logBoth("json");

    assertThat(out).contains("\"status\":\"200\"").contains("\"requestId\":\"r1\"");
    assertThat(out).contains("\"port\":\"8080\"");
  }

  @Test
  void numericAccessFieldsAreJsonNumbersForQueriesOverThem() {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LoggingSetup.configure("json");
    LoggerFactory.getLogger(FilesightHttpServer.ACCESS_LOGGER)
        .atInfo()
        .addKeyValue("status", 200)
        .addKeyValue("durationMs", 3.4)
        .addKeyValue("bytes", 1873L)
        .log("GET /x 200");
    LoggingSetup.configure("json");
    System.err.flush();

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("\"status\":200", "\"durationMs\":3.4", "\"bytes\":1873");
  }

  @Test
  void jettyWarningsEchoingMalformedRequestsAreLeftToTheAccessLine() {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LoggingSetup.configure("text");

    LoggerFactory.getLogger("org.eclipse.jetty.util.HostPort").warn("Bad Authority: [a@b]");
    LoggerFactory.getLogger("org.eclipse.jetty.http.HttpParser").warn("URI is too large >8192");
    LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("other Jetty warning");
    System.err.flush();

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .doesNotContain("Bad Authority")
        .doesNotContain("URI is too large")
        .contains("other Jetty warning");
  }

  private String logBoth(String format) {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LoggingSetup.configure(format);
    LoggerFactory.getLogger(FilesightHttpServer.ACCESS_LOGGER)
        .atInfo()
        .addKeyValue("status", "200")
        .addKeyValue("requestId", "r1")
        .log("GET /x 200 request-id=r1");
    LoggerFactory.getLogger("other").atInfo().addKeyValue("port", "8080").log("started");
    // Access lines are batched: configuring again stops the appender, which writes them.
    LoggingSetup.configure(format);
    System.err.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }
}
