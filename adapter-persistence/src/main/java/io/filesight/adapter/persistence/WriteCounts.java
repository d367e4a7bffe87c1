package io.filesight.adapter.persistence;

/** How many rows a batch of upserts inserted and how many it changed. */
public record WriteCounts(long inserted, long updated) {
  public WriteCounts plus(WriteCounts other) {
    return new WriteCounts(inserted + other.inserted, updated + other.updated);
  }
}
