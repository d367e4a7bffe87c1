package io.filesight.archfixture.adaptersareindependent.adapter.http;

/** Fixture: breaks the rule adaptersAreIndependent on purpose. */
public class CallsPersistence {
  io.filesight.archfixture.adaptersareindependent.adapter.persistence.Store store;
}
