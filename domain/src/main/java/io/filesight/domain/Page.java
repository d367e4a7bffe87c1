package io.filesight.domain;

/**
 * Value object: which slice of a machine collection to return, as OData {@code $skip}/{@code $top}.
 */
public record Page(long skip, int top) {
  /** Defender's maximum and default page size for machine collections. */
  public static final int MAX_TOP = 10_000;

  public Page {
    if (skip < 0) {
      throw new InvalidPageException("$skip", skip, "must be 0 or more");
    }
    if (top < 1 || top > MAX_TOP) {
      throw new InvalidPageException("$top", top, "must be between 1 and " + MAX_TOP);
    }
  }

  /** The first page at the default size. */
  public static Page first() {
    return new Page(0, MAX_TOP);
  }

  /** The page after this one, at the same size. */
  public Page next() {
    return new Page(skip + top, top);
  }
}
