package io.filesight.application.fake;

import io.filesight.application.port.out.AccessTokenVerifier;
import io.filesight.application.port.out.InvalidTokenException;
import io.filesight.domain.Caller;
import io.filesight.domain.TokenRejection;
import java.util.HashMap;
import java.util.Map;

/** Fake secondary adapter: opaque tokens mapped to callers. */
public final class FakeAccessTokenVerifier implements AccessTokenVerifier {
  private final Map<String, Caller> callers = new HashMap<>();

  public FakeAccessTokenVerifier accept(String token, Caller caller) {
    callers.put(token, caller);
    return this;
  }

  @Override
  public Caller verify(String token) {
    Caller caller = callers.get(token);
    if (caller == null) {
      throw new InvalidTokenException(TokenRejection.UNKNOWN_KEY, "unknown token");
    }
    return caller;
  }
}
