package io.filesight.archfixture.httpframeworksstayinadapterhttp.adapter.persistence;

/** Fixture: breaks the rule httpFrameworksStayInAdapterHttp on purpose. */
public class UsesJackson {
  com.fasterxml.jackson.databind.ObjectMapper mapper;
}
