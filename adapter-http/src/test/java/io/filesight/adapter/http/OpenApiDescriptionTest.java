package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written description parses and documents exactly the routes the server registers. */
class OpenApiDescriptionTest {
  private static TestServer http;
  private static OpenAPI api;

  @BeforeAll
  static void start() {
    http = new TestServer(new StubFind());
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(resource(), null, null);
    assertThat(result.getMessages()).isEmpty();
    api = result.getOpenAPI();
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void descriptionIsOpenApi31() {
    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() {
    Set<String> documented = new TreeSet<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (PathItem.HttpMethod method : path.getValue().readOperationsMap().keySet()) {
        documented.add(method.name() + " " + path.getKey());
      }
    }
    // HEAD is GET without a body; OpenAPI describes it with the GET operation.
    Set<String> registered =
        http.server.registeredRoutes().stream()
            .filter(route -> !route.startsWith("HEAD "))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(documented).isEqualTo(registered);
    assertThat(registered).contains("GET /api/files/{id}/machines");
  }

  @Test
  void machinesOperationDocumentsEveryStatusItAnswers() {
    Operation get = api.getPaths().get("/api/files/{id}/machines").getGet();

    assertThat(get.getResponses().keySet())
        .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "405", "429", "500");
    assertThat(get.getParameters())
        .extracting(Parameter::getName)
        .containsExactly("id", "$top", "$skip");
    ApiResponse tooMany = get.getResponses().get("429");
    assertThat(tooMany.getHeaders().keySet())
        .contains("Retry-After", "RateLimit-Policy", "RateLimit");
  }

  @Test
  void machineSchemaListsTheKeysInDefendersOrder() {
    List<String> keys =
        List.copyOf(api.getComponents().getSchemas().get("Machine").getProperties().keySet());

    assertThat(keys).containsExactlyElementsOf(MachineJson.KEYS);
  }

  private static String resource() {
    try (InputStream in = OpenApiDescriptionTest.class.getResourceAsStream("/openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
