package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineProperty;
import io.filesight.domain.VmMetadata;
import io.filesight.domain.WireValue;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "405", "429", "500", "503");
    assertThat(get.getParameters())
        .extracting(Parameter::getName)
        .containsExactly("id", "$top", "$skip");
    ApiResponse tooMany = get.getResponses().get("429");
    assertThat(tooMany.getHeaders().keySet())
        .contains("Retry-After", "RateLimit-Policy", "RateLimit");
  }

  @Test
  void machineSchemaListsThePropertyTableInDefendersOrder() {
    List<String> keys =
        List.copyOf(api.getComponents().getSchemas().get("Machine").getProperties().keySet());

    assertThat(keys)
        .containsExactlyElementsOf(
            MachineProperty.ALL.stream().map(MachineProperty::name).toList());
  }

  @Test
  void machineSchemaDescribesEachPropertyAsItsKindIsWritten() {
    Map<String, Schema> schemas = api.getComponents().getSchemas().get("Machine").getProperties();
    for (MachineProperty<?> property : MachineProperty.ALL) {
      Schema schema = schemas.get(property.name());
      String nullable = property.absent() == null && property != MachineProperty.ID ? "null" : null;
      switch (property.kind()) {
        case TIME:
          assertThat(schema.get$ref()).as(property.name()).endsWith("/Timestamp");
          break;
        case FLAG:
          assertThat(types(schema)).as(property.name()).containsExactly("boolean");
          break;
        case WHOLE_NUMBER:
          assertThat(types(schema))
              .as(property.name())
              .containsExactlyInAnyOrder(present("integer", nullable));
          break;
        case CHOICE:
          assertThat(types(schema)).as(property.name()).containsExactlyInAnyOrder("string", "null");
          List<Object> spellings = new ArrayList<>();
          for (Object constant : choices(property)) {
            spellings.add(((WireValue) constant).wireName());
          }
          spellings.add(null);
          assertThat(schema.getEnum()).as(property.name()).containsExactlyElementsOf(spellings);
          break;
        case TEXTS:
          assertThat(types(schema)).as(property.name()).containsExactly("array");
          assertThat(types(schema.getItems())).containsExactly("string");
          break;
        case IP_ADDRESSES:
          assertThat(types(schema)).as(property.name()).containsExactly("array");
          assertThat(schema.getItems().getProperties().keySet())
              .containsExactlyElementsOf(IpAddress.KEYS);
          break;
        case VM_METADATA:
          assertThat(types(schema)).as(property.name()).containsExactlyInAnyOrder("object", "null");
          assertThat(schema.getProperties().keySet()).containsExactlyElementsOf(VmMetadata.KEYS);
          break;
        default:
          assertThat(types(schema))
              .as(property.name())
              .containsExactlyInAnyOrder(present("string", nullable));
      }
    }
  }

  private static String[] present(String type, String nullable) {
    return nullable == null ? new String[] {type} : new String[] {type, nullable};
  }

  private static Set<String> types(Schema<?> schema) {
    return schema.getTypes() == null ? Set.of() : schema.getTypes();
  }

  /** The constants of a choice, from its record component's enumeration. */
  private static Object[] choices(MachineProperty<?> property) {
    return Machine.class.getRecordComponents()[property.index()].getType().getEnumConstants();
  }

  private static String resource() {
    try (InputStream in = OpenApiDescriptionTest.class.getResourceAsStream("/openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
