package io.filesight.adapter.http;

import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.FindRelatedMachines;
import io.filesight.application.port.in.RelatedMachines;
import io.filesight.domain.Caller;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.Page;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Primary adapter: {@code GET /api/files/{id}/machines}. Authenticates first, so that a caller
 * without a valid token learns nothing (a request with two {@code Authorization} headers has no
 * valid token), then reads the page, then leaves quota, permission, id syntax and lookup to the use
 * case in Defender's order.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/get-file-related-machines">Get
 *     file related machines API</a>
 */
final class RelatedMachinesHandler implements Handler {
  static final String PATH = "/api/files/{id}/machines";
  private static final String AUTHORIZATION = "Authorization";

  private final FindRelatedMachines find;
  private final AuthenticateCaller authenticate;
  private final UnknownFileAnswer unknownFile;
  private final PublicBaseUrl baseUrl;
  private final RenderedMachines rendered;

  RelatedMachinesHandler(
      FindRelatedMachines find,
      AuthenticateCaller authenticate,
      UnknownFileAnswer unknownFile,
      Optional<URI> baseUrl,
      RenderedMachines rendered) {
    this.find = Objects.requireNonNull(find, "find");
    this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    this.unknownFile = Objects.requireNonNull(unknownFile, "unknownFile");
    this.baseUrl = new PublicBaseUrl(baseUrl);
    this.rendered = Objects.requireNonNull(rendered, "rendered");
  }

  @Override
  public void handle(Context ctx) throws Exception {
    ctx.header(ResponseHeaders.ODATA_VERSION, ResponseHeaders.ODATA_VERSION_VALUE);
    Caller caller = authenticate.authenticate(authorization(ctx));
    RequestAttributes.caller(ctx, caller);
    Page page = ODataQuery.page(ctx.queryString());
    String fileId = FileIdSegment.from(ctx.path(), ctx.pathParam("id"));
    RelatedMachines answer = find.find(caller, fileId, page);
    List<Machine> machines;
    Optional<Page> next;
    if (answer instanceof RelatedMachines.Found) {
      RelatedMachines.Found found = (RelatedMachines.Found) answer;
      machines = found.machines();
      next = found.nextPage();
    } else if (unknownFile == UnknownFileAnswer.EMPTY) {
      machines = List.of();
      next = Optional.empty();
    } else {
      throw new FileNotSeenException(answer.file());
    }
    String base = baseUrl.of(ctx);
    ctx.status(200).contentType(ResponseHeaders.ODATA_JSON);
    AnswerStream body = new AnswerStream(ctx);
    RelatedMachinesJson.write(
        body,
        base + "/api/$metadata#Machines",
        machines,
        next.map(nextPage -> nextLink(base, answer.file(), nextPage)),
        rendered);
    body.finish();
  }

  /** The request's one {@code Authorization} header, {@code null} without one. */
  static String authorization(Context ctx) {
    Enumeration<String> values = ctx.req().getHeaders(AUTHORIZATION);
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (values.hasMoreElements()) {
      throw new DuplicateAuthorizationException();
    }
    return first;
  }

  private static String nextLink(String base, FileHash file, Page page) {
    return base
        + FileIdSegment.PREFIX
        + file.hex()
        + FileIdSegment.SUFFIX
        + "?$top="
        + page.top()
        + "&$skip="
        + page.skip();
  }
}
