package io.filesight.adapter.persistence.imports;

import java.io.IOException;

/** Where an import reads its records from, in file order. */
interface RecordSource<T> {
  /** The next record, or null at the end. */
  ParsedRecord<T> next() throws IOException;
}
