package io.filesight.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Primary adapter: the hand-written OpenAPI description at {@code /openapi.yaml} and Swagger UI at
 * {@code /docs}. Only the few Swagger UI files the page needs are served, never the webjar's demo.
 */
final class ApiDocs {
  static final String OPENAPI_RESOURCE = "/openapi.yaml";
  private static final String WEBJAR_PROPERTIES =
      "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui.css", "text/css; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
          "favicon-32x32.png", "image/png");
  private static final String PAGE =
      "<!DOCTYPE html>\n"
          + "<html lang=\"en\">\n"
          + "<head>\n"
          + "  <meta charset=\"utf-8\">\n"
          + "  <title>filesight API</title>\n"
          + "  <link rel=\"stylesheet\" href=\"/docs/swagger-ui.css\">\n"
          + "  <link rel=\"icon\" type=\"image/png\" href=\"/docs/favicon-32x32.png\">\n"
          + "</head>\n"
          + "<body>\n"
          + "  <div id=\"swagger-ui\"></div>\n"
          + "  <script src=\"/docs/swagger-ui-bundle.js\"></script>\n"
          + "  <script src=\"/docs/swagger-ui-standalone-preset.js\"></script>\n"
          + "  <script>\n"
          + "    window.ui = SwaggerUIBundle({url: '/openapi.yaml', dom_id: '#swagger-ui',\n"
          + "      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
          + "      layout: 'StandaloneLayout'});\n"
          + "  </script>\n"
          + "</body>\n"
          + "</html>\n";

  private final byte[] openApi;
  private final String webjarDirectory;
  private final Map<String, byte[]> assetBytes = new ConcurrentHashMap<>();

  ApiDocs() {
    openApi = read(OPENAPI_RESOURCE);
    webjarDirectory = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
  }

  void openApi(Context ctx) {
    ctx.contentType("application/yaml; charset=utf-8").result(openApi);
  }

  void page(Context ctx) {
    ctx.html(PAGE);
  }

  void asset(Context ctx) {
    String name = ctx.pathParam("asset");
    String contentType = ASSETS.get(name);
    if (contentType == null) {
      throw new NotFoundResponse();
    }
    ctx.contentType(contentType)
        .result(assetBytes.computeIfAbsent(name, asset -> read(webjarDirectory + asset)));
  }

  private static String webjarVersion() {
    try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
