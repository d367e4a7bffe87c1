package io.filesight.adapter.imports.generate;

/** How much demo data to generate, and the seed that makes it reproducible. */
public record GeneratorSettings(int machines, int files, long observations, long seed) {
  public GeneratorSettings {
    if (machines < 1) {
      throw new IllegalArgumentException("at least one machine, was " + machines);
    }
    if (files < 1) {
      throw new IllegalArgumentException("at least one file, was " + files);
    }
    if (observations < 0) {
      throw new IllegalArgumentException("observations must be 0 or more, was " + observations);
    }
  }

  /** A small tenant for demos: 200 machines, 2000 files, 20 000 observations. */
  public static GeneratorSettings demo() {
    return new GeneratorSettings(200, 2000, 20_000, 42);
  }
}
