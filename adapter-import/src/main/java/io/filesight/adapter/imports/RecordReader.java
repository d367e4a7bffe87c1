package io.filesight.adapter.imports;

import io.filesight.application.port.in.ParsedRecord;
import java.io.IOException;

/** Reads an export file's records in file order, as its format says. */
interface RecordReader<T> {
  /**
   * The next record, or null at the end.
   *
   * @throws IOException when the file cannot be read on: not UTF-8, truncated inside a quoted CSV
   *     field, or broken JSON in a document where no record boundary is left to resume at
   */
  ParsedRecord<T> next() throws IOException;
}
