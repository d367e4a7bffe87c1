package io.filesight.adapter.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;

/**
 * The base URL answers write in {@code @odata.context} and {@code @odata.nextLink}: the configured
 * one, else the request's scheme and {@code Host}, as a trusted proxy reports them.
 */
final class PublicBaseUrl {
  private final Optional<String> configured;

  PublicBaseUrl(Optional<URI> configured) {
    this.configured = configured.map(URI::toString).map(PublicBaseUrl::withoutTrailingSlash);
  }

  String of(Context ctx) {
    if (configured.isPresent()) {
      return configured.get();
    }
    TrustedProxies.ClientOrigin origin = RequestAttributes.origin(ctx);
    String host = origin == null ? null : origin.host().orElse(null);
    if (host == null) {
      host = ctx.host();
    }
    if (host == null || host.isBlank()) {
      host = ctx.req().getServerName() + ":" + ctx.req().getServerPort();
    }
    String scheme = origin == null ? ctx.scheme() : origin.scheme().orElse(ctx.scheme());
    return scheme + "://" + host;
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
