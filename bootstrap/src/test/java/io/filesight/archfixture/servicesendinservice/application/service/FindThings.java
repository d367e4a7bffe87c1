package io.filesight.archfixture.servicesendinservice.application.service;

/** Fixture: breaks the rule servicesEndInService on purpose. */
public class FindThings {
  int found;
}
