package io.filesight.adapter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Test SLF4J provider that records every event with its key-value pairs, so tests can read what a
 * JSON encoder would render without bringing a logging backend into this adapter.
 */
public final class RecordingLogs implements SLF4JServiceProvider {
  private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

  /** One recorded event. */
  record Event(
      String logger, Level level, String message, Map<String, Object> keyValues, Throwable error) {}

  static List<Event> events(Predicate<Event> filter) {
    List<Event> matching = new ArrayList<>();
    for (Event event : EVENTS) {
      if (filter.test(event)) {
        matching.add(event);
      }
    }
    return matching;
  }

  static List<Event> of(String loggerName) {
    return events(event -> event.logger().equals(loggerName));
  }

  private final ILoggerFactory factory = RecordingLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class RecordingLogger extends LegacyAbstractLogger
      implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    RecordingLogger(String name) {
      this.name = name;
    }

    @Override
    public void log(LoggingEvent event) {
      Map<String, Object> keyValues = new LinkedHashMap<>();
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair pair : event.getKeyValuePairs()) {
          keyValues.put(pair.key, pair.value);
        }
      }
      Object[] arguments =
          event.getArgumentArray() == null ? new Object[0] : event.getArgumentArray();
      String message = MessageFormatter.basicArrayFormat(event.getMessage(), arguments);
      EVENTS.add(new Event(name, event.getLevel(), message, keyValues, event.getThrowable()));
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      String message =
          MessageFormatter.basicArrayFormat(pattern, arguments == null ? new Object[0] : arguments);
      EVENTS.add(new Event(name, level, message, Map.of(), throwable));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
