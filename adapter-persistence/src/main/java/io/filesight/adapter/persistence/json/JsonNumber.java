package io.filesight.adapter.persistence.json;

/** A JSON number kept as its text, so that the reader decides nothing about its range. */
public record JsonNumber(String text) {}
