package io.filesight.archfixture.wiringlibrariesstayinbootstrap.adapter.auth;

/** Fixture: breaks the rule wiringLibrariesStayInBootstrap on purpose. */
public class UsesGuice {
  com.google.inject.Injector injector;
}
