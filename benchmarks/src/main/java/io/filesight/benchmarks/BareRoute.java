package io.filesight.benchmarks;

import io.filesight.adapter.http.FilesightHttpServer;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The baseline server: a bare Javalin route on filesight's path answering each file id with the
 * bytes filesight answered for it, serialised in advance. What is left is Jetty, Javalin and the
 * network: the floor under filesight's own work.
 */
final class BareRoute {
  static final String CONTENT_TYPE =
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

  private BareRoute() {}

  /**
   * Starts the route on 127.0.0.1:{@code port}; ids missing from {@code answers} get {@code
   * fallback}. {@code extra} registers more routes (the heap probe).
   */
  static Javalin start(
      int port, Map<String, byte[]> answers, byte[] fallback, Consumer<JavalinConfig> extra) {
    return Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.startup.startupWatcherEnabled = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = port;
              // The same Jetty setting as filesight's server, so the two differ only in their work.
              config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(512));
              config.http.responseBufferSize = FilesightHttpServer.RESULT_COPY_BUFFER;
              config.routes.get("/api/files/{id}/machines", ctx -> answer(ctx, answers, fallback));
              extra.accept(config);
            })
        .start();
  }

  private static void answer(Context ctx, Map<String, byte[]> answers, byte[] fallback) {
    byte[] body = answers.getOrDefault(ctx.pathParam("id"), fallback);
    ctx.header("OData-Version", "4.0").contentType(CONTENT_TYPE).result(body);
  }
}
