package io.filesight.application.port.in;

/**
 * The outcome of an import: records read, new rows inserted, existing rows changed, and records
 * rejected. Rows are counted per batch: observations of one (file, machine) within a batch make one
 * row, inserted when new, updated when a row stored by an earlier batch got an earlier first or
 * later last time. An import into a store without observations moves all its batches at its end, so
 * for counting they are one batch. Records read but neither inserted, updated nor rejected changed
 * nothing, or were merged into another record of their batch. An import that resumes an interrupted
 * one counts the records that one committed too.
 */
public record ImportSummary(long read, long inserted, long updated, long rejected) {}
