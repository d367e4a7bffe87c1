package io.filesight.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Benchmark programs' command lines: {@code --name value} pairs, every one required. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  String text(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  long number(String name) {
    return Long.parseLong(text(name));
  }

  long number(String name, long fallback) {
    return values.containsKey(name) ? number(name) : fallback;
  }

  int integer(String name) {
    return Math.toIntExact(number(name));
  }

  int integer(String name, int fallback) {
    return Math.toIntExact(number(name, fallback));
  }

  Path path(String name) {
    return Path.of(text(name));
  }
}
