package io.filesight.adapter.persistence.imports;

/** A record read at {@code line}: its value, or why it was rejected (then the value is null). */
record ParsedRecord<T>(long line, T value, String rejection) {}
