package io.filesight.adapter.http;

import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.CheckConnection;
import io.filesight.domain.Caller;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Primary adapter: {@code GET /api/alerts}, which Defender connectors call to test their settings
 * (Cortex XSOAR's "Test" sends {@code ?$top=1} and fails on anything but 200). filesight keeps no
 * alerts, so a call that passes authentication, quota and permission always answers Defender's
 * envelope with an empty {@code value}. {@code $top} and {@code $skip} are validated as on the
 * machines route; {@code $filter}, {@code $expand} and {@code $orderby}, which connectors' incident
 * fetching sends, are accepted and ignored.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/get-alerts">List alerts API</a>
 */
final class ConnectionTestHandler implements Handler {
  static final String PATH = "/api/alerts";
  static final List<String> IGNORED_OPTIONS = List.of("$filter", "$expand", "$orderby");

  private final CheckConnection check;
  private final AuthenticateCaller authenticate;
  private final PublicBaseUrl baseUrl;

  ConnectionTestHandler(
      CheckConnection check, AuthenticateCaller authenticate, Optional<URI> baseUrl) {
    this.check = Objects.requireNonNull(check, "check");
    this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    this.baseUrl = new PublicBaseUrl(baseUrl);
  }

  @Override
  public void handle(Context ctx) {
    ctx.header(ResponseHeaders.ODATA_VERSION, ResponseHeaders.ODATA_VERSION_VALUE);
    Caller caller = authenticate.authenticate(RelatedMachinesHandler.authorization(ctx));
    RequestAttributes.caller(ctx, caller);
    ODataQuery.page(ctx.queryString(), IGNORED_OPTIONS);
    check.check(caller);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", baseUrl.of(ctx) + "/api/$metadata#Alerts");
    body.put("value", List.of());
    ctx.status(200).contentType(ResponseHeaders.ODATA_JSON).result(Json.bytes(body));
  }
}
