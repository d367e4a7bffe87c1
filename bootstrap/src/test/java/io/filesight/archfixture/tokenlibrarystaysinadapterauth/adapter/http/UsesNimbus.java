package io.filesight.archfixture.tokenlibrarystaysinadapterauth.adapter.http;

/** Fixture: breaks the rule tokenLibraryStaysInAdapterAuth on purpose. */
public class UsesNimbus {
  com.nimbusds.jwt.SignedJWT token;
}
