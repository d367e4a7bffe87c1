package io.filesight.archfixture.adaptersareindependent.adapter.persistence;

/** Fixture: breaks the rule adaptersAreIndependent on purpose. */
public class Store {
  int rows;
}
