package io.filesight.application.port.out;

/** How many records a store inserted as new and how many updated that it held already. */
public record StoredCounts(long inserted, long updated) {
  public static final StoredCounts NONE = new StoredCounts(0, 0);

  public StoredCounts plus(StoredCounts other) {
    return new StoredCounts(inserted + other.inserted, updated + other.updated);
  }
}
