package io.filesight.adapter.persistence.imports;

import io.filesight.adapter.persistence.WriteCounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the records of one chunk on the caller's transaction: each part as it is read, then {@link
 * #finish} once the chunk is complete, before the commit.
 */
interface ChunkWriter<T> {
  WriteCounts add(Connection connection, List<T> part) throws SQLException;

  /**
   * Completes the chunk. {@code last} tells whether it ends the file: a writer may leave work of
   * earlier chunks for the last one, committed where the last chunk will find it.
   */
  WriteCounts finish(Connection connection, boolean last) throws SQLException;

  /**
   * Whether every row this writer adds has its referenced rows by construction, so the import may
   * skip SQLite's foreign key checks (one index probe per row).
   */
  default boolean satisfiesForeignKeys() {
    return false;
  }
}
