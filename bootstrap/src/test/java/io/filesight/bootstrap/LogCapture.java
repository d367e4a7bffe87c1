package io.filesight.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records every log event while installed; the access logger's own output is held back meanwhile,
 * so that thousands of requests do not flood the build output.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Logger root;
  private final Logger access;
  private final List<Appender<ILoggingEvent>> heldBack = new ArrayList<>();

  private LogCapture(String accessLogger) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    setContext(context);
    setName("capture");
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    access = context.getLogger(accessLogger);
  }

  /** Starts recording the root logger and {@code accessLogger}, muting the latter's appenders. */
  static LogCapture install(String accessLogger) {
    LogCapture capture = new LogCapture(accessLogger);
    capture.start();
    for (Iterator<Appender<ILoggingEvent>> it = capture.access.iteratorForAppenders();
        it.hasNext(); ) {
      capture.heldBack.add(it.next());
    }
    capture.heldBack.forEach(capture.access::detachAppender);
    capture.root.addAppender(capture);
    if (!capture.access.isAdditive()) {
      capture.access.addAppender(capture);
    }
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  /** Events recorded from index {@code from} on. */
  List<ILoggingEvent> since(int from) {
    List<ILoggingEvent> snapshot = List.copyOf(events);
    return snapshot.subList(Math.min(from, snapshot.size()), snapshot.size());
  }

  int size() {
    return events.size();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    access.detachAppender(this);
    heldBack.forEach(access::addAppender);
    stop();
  }
}
