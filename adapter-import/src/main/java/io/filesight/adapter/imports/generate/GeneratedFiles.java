package io.filesight.adapter.imports.generate;

import java.nio.file.Path;

/**
 * The import files a generation wrote: machines (JSON Lines), observations (CSV), access (JSON).
 */
public record GeneratedFiles(Path machines, Path observations, Path access) {}
