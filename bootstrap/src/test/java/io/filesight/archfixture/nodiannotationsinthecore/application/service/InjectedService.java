package io.filesight.archfixture.nodiannotationsinthecore.application.service;

/** Fixture: breaks the rule noDiAnnotationsInTheCore on purpose. */
public class InjectedService {
  @jakarta.inject.Inject
  public InjectedService() {}
}
