package io.filesight.adapter.persistence.json;

/** Stands for a JSON string longer than the reader's limit; its text was not kept. */
public record Oversized(long chars) {}
