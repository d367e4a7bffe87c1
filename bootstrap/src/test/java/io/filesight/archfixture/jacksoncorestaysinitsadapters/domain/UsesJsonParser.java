package io.filesight.archfixture.jacksoncorestaysinitsadapters.domain;

/** Fixture: breaks the rule jacksonCoreStaysInItsAdapters on purpose. */
public class UsesJsonParser {
  com.fasterxml.jackson.core.JsonParser parser;
}
