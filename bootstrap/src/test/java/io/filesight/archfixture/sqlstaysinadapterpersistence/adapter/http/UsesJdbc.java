package io.filesight.archfixture.sqlstaysinadapterpersistence.adapter.http;

/** Fixture: breaks the rule sqlStaysInAdapterPersistence on purpose. */
public class UsesJdbc {
  java.sql.Connection connection;
}
