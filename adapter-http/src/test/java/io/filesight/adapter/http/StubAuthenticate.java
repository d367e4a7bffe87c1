package io.filesight.adapter.http;

import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.UnauthenticatedException;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.DelegatedCaller;
import io.filesight.domain.Permission;
import io.filesight.domain.TokenRejection;
import java.util.Set;

/**
 * Stubbed in-port: {@code Bearer good}, {@code Bearer user} (delegated) and {@code Bearer noperm}
 * are known, all else is not.
 */
final class StubAuthenticate implements AuthenticateCaller {
  static final String TENANT = "11111111-2222-3333-4444-555555555555";
  static final String APP = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  static final String GOOD = "Bearer good";
  static final String NO_PERMISSION = "Bearer noperm";
  static final String USER = "Bearer user";
  static final String USER_OID = "99999999-8888-7777-6666-555555555555";

  @Override
  public Caller authenticate(String authorization) {
    if (GOOD.equals(authorization)) {
      return new ApplicationCaller(TENANT, APP, Set.of(Permission.MACHINE_READ_ALL));
    }
    if (USER.equals(authorization)) {
      return new DelegatedCaller(TENANT, APP, USER_OID, Set.of(Permission.MACHINE_READ), Set.of());
    }
    if (NO_PERMISSION.equals(authorization)) {
      return new ApplicationCaller(TENANT, APP, Set.of());
    }
    if (authorization == null) {
      throw new UnauthenticatedException(
          UnauthenticatedException.Reason.MISSING_AUTHORIZATION, "no Authorization header");
    }
    throw new UnauthenticatedException(TokenRejection.MALFORMED, "not a test token", null);
  }
}
