package io.filesight.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BufferedStderrAppenderTest {
  private final PrintStream realErr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final LoggerContext context = new LoggerContext();
  private BufferedStderrAppender appender;

  @BeforeEach
  void captureStderr() {
    context.setMDCAdapter(new LogbackMDCAdapter());
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    if (appender != null) {
      appender.stop();
    }
    System.setErr(realErr);
  }

  @Test
  void linesWaitUntilTheAppenderStopsWhenNoFlushIsDue() {
    appender = started(Duration.ofHours(1));

    appender.doAppend(event("GET /a 200"));
    appender.doAppend(event("GET /b 200"));

    assertThat(stderr()).isEmpty();
    appender.stop();
    assertThat(stderr()).isEqualTo("GET /a 200\nGET /b 200\n");
  }

  @Test
  void linesAreWrittenWithinTheFlushInterval() throws InterruptedException {
    appender = started(Duration.ofMillis(20));

    appender.doAppend(event("GET /a 200"));

    for (int i = 0; i < 200 && stderr().isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertThat(stderr()).isEqualTo("GET /a 200\n");
  }

  @Test
  void aFullBufferIsWrittenAtOnceInWholeLines() {
    appender = started(Duration.ofHours(1));
    String line = "GET /" + "x".repeat(995) + " 200"; // 1,000 chars and a newline

    for (int i = 0; i < 100; i++) {
      appender.doAppend(event(line));
    }

    String written = stderr();
    assertThat(written).isNotEmpty();
    assertThat(written.length()).isLessThanOrEqualTo(BufferedStderrAppender.BUFFER_BYTES);
    assertThat(written.lines()).allMatch(line::equals);
    assertThat(written).endsWith("\n");
    appender.stop();
    assertThat(stderr().lines()).hasSize(100).allMatch(line::equals);
  }

  private BufferedStderrAppender started(Duration flushInterval) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    BufferedStderrAppender started = new BufferedStderrAppender(flushInterval);
    started.setContext(context);
    started.setEncoder(encoder);
    started.start();
    return started;
  }

  private LoggingEvent event(String message) {
    return new LoggingEvent(
        getClass().getName(),
        context.getLogger("io.filesight.access"),
        Level.INFO,
        message,
        null,
        null);
  }

  private String stderr() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}
