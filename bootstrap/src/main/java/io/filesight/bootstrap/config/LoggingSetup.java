package io.filesight.bootstrap.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.filesight.adapter.http.FilesightHttpServer;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Switches the log output between readable text and one JSON object per line. */
public final class LoggingSetup {
  private static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - %msg %kvp%n";

  // An access line's message already holds its key-value pairs; text need not repeat them.
  private static final String ACCESS_TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - %msg%n";

  private LoggingSetup() {}

  /**
   * Logs to stderr as {@code text} or {@code json}. Access lines reach stderr in batches, at most
   * {@link BufferedStderrAppender#FLUSH_INTERVAL} late; every other line at once.
   */
  public static void configure(String format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    boolean json = format.equals("json");
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(
        console(context, "console", json ? jsonEncoder(context) : text(context, TEXT_PATTERN)));
    // One line per request: batched on their way to stderr (BufferedStderrAppender).
    ch.qos.logback.classic.Logger access = context.getLogger(FilesightHttpServer.ACCESS_LOGGER);
    access.setAdditive(false);
    access.addAppender(
        batched(context, json ? jsonEncoder(context) : text(context, ACCESS_TEXT_PATTERN)));
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    // These warn about every bad Host header or oversized request, echoing the client's bytes; the
    // request's access line already records it.
    context.getLogger("org.eclipse.jetty.http.HttpParser").setLevel(Level.ERROR);
    context.getLogger("org.eclipse.jetty.util.HostPort").setLevel(Level.ERROR);
    context.getLogger("io.javalin").setLevel(Level.WARN);
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    LogstashEncoder json = new LogstashEncoder();
    json.setContext(context);
    json.start();
    return json;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context, String pattern) {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(pattern);
    text.start();
    return text;
  }

  private static BufferedStderrAppender batched(
      LoggerContext context, Encoder<ILoggingEvent> encoder) {
    BufferedStderrAppender batched = new BufferedStderrAppender();
    batched.setContext(context);
    batched.setName("access");
    batched.setEncoder(encoder);
    batched.start();
    return batched;
  }

  private static ConsoleAppender<ILoggingEvent> console(
      LoggerContext context, String name, Encoder<ILoggingEvent> encoder) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(name);
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    return console;
  }
}
