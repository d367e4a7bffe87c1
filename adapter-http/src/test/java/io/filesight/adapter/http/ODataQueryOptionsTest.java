package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.filesight.domain.Page;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ODataQueryOptionsTest {
  private static final String PATH = "/api/files/" + Machines.SHA1 + "/machines";
  private static final StubFind FIND = new StubFind().seen(Machines.FILE, Machines.bare(0, 25));
  private static TestServer http;

  @BeforeAll
  static void start() {
    http = new TestServer(FIND);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void noOptionsAsksForTheFirstPageOf10000() {
    JsonNode body = TestServer.json(http.get(PATH, StubAuthenticate.GOOD));

    assertThat(body.get("value")).hasSize(25);
    assertThat(body.has("@odata.nextLink")).isFalse();
    assertThat(lastPage()).isEqualTo(new Page(0, 10_000));
  }

  @Test
  void topWithATrailingAmpersandIsTolerated() {
    HttpResponse<String> response = http.get(PATH + "?$top=100&", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(lastPage()).isEqualTo(new Page(0, 100));
  }

  @Test
  void emptyParametersAndCustomOptionsAreIgnored() {
    HttpResponse<String> response =
        http.get(PATH + "?&&$skip=2&&api-version=1.0&", StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(lastPage()).isEqualTo(new Page(2, 10_000));
  }

  @Test
  void percentEncodedDollarNamesTheSameOption() {
    http.get(PATH + "?%24top=5", StubAuthenticate.GOOD);

    assertThat(lastPage()).isEqualTo(new Page(0, 5));
  }

  @Test
  void fullPageCarriesANextLinkToTheFollowingPage() {
    JsonNode body = TestServer.json(http.get(PATH + "?$top=10&$skip=10", StubAuthenticate.GOOD));

    assertThat(RelatedMachinesEndpointTest.fieldNames(body))
        .containsExactly("@odata.context", "value", "@odata.nextLink");
    assertThat(body.get("value")).hasSize(10);
    assertThat(body.get("value").get(0).get("id").asText()).isEqualTo(String.format("%040x", 10));
    assertThat(body.get("@odata.nextLink").asText())
        .isEqualTo("http://127.0.0.1/api/files/" + Machines.SHA1 + "/machines?$top=10&$skip=20");
  }

  @Test
  void followingNextLinksVisitsEveryMachineOnce() {
    String link = "http://127.0.0.1/api/files/" + Machines.SHA1 + "/machines?$top=7";
    int seen = 0;
    int pages = 0;
    while (link != null) {
      String pathAndQuery = link.substring("http://127.0.0.1".length());
      JsonNode body = TestServer.json(http.get(pathAndQuery, StubAuthenticate.GOOD));
      seen += body.get("value").size();
      pages++;
      link = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
    }

    assertThat(seen).isEqualTo(25);
    assertThat(pages).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$filter=healthStatus eq 'Active'|$filter",
        "$select=id|$select",
        "$orderby=id|$orderby",
        "$count=true|$count",
        "$expand=x|$expand",
        "$TOP=5|$TOP",
        "$top=1&$top=2|$top",
        "$skip=1&$skip=1|$skip",
        "$top=0|$top",
        "$top=10001|$top",
        "$top=-1|$top",
        "$top=abc|$top",
        "$top=|$top",
        "$top|$top",
        "$top=1.5|$top",
        "$top=%EF%BC%91|$top",
        "$top=99999999999999999999|$top",
        "$skip=-1|$skip",
        "$skip=x|$skip"
      })
  void unsupportedOrMalformedOptionGets400ODataErrorNamingIt(String query, String option) {
    HttpResponse<String> response =
        http.get(PATH + "?" + query.replace(" ", "%20").replace("'", "%27"), StubAuthenticate.GOOD);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = TestServer.json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("ODataError");
    assertThat(error.get("message").asText()).contains(option);
  }

  @Test
  void badQueryFromAnUnauthenticatedCallerIsStill401() {
    HttpResponse<String> response = http.get(PATH + "?$filter=x", null);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  private static Page lastPage() {
    return FIND.calls.get(FIND.calls.size() - 1).page();
  }
}
