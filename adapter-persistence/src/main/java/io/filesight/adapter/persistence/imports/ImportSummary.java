package io.filesight.adapter.persistence.imports;

/**
 * The outcome of an import: records read, new rows inserted, existing rows changed, and records
 * rejected. Records read but neither inserted, updated nor rejected changed nothing.
 */
public record ImportSummary(long read, long inserted, long updated, long rejected) {}
