package io.filesight.adapter.imports;

import java.util.List;

/**
 * One CSV record: the line it starts on, its fields (null for a field longer than the reader's
 * limit; an empty field is ""), and a syntax problem when it has one.
 */
record CsvRecord(long line, List<String> fields, String problem) {}
