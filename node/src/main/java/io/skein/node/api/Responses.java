package io.skein.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes responses: JSON documents, raw bytes and JSON errors, always with a Content-Length. */
final class Responses {
  static final String JSON = "application/json";
  static final String OCTETS = "application/octet-stream";

  private Responses() {}

  static int json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    return bytes(exchange, status, JSON, bytes);
  }

  static int bytes(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    // An empty body needs -1 ("no body"); 0 would mean chunked in the JDK server. HEAD gets none.
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
    if (body.length > 0 && !head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
    return status;
  }

  /** The error as {@code {"error": code, "message": text, ...details}}. */
  static int error(HttpExchange exchange, ApiException e) throws IOException {
    for (Map.Entry<String, String> header : e.headers().entrySet()) {
      exchange.getResponseHeaders().set(header.getKey(), header.getValue());
    }
    ObjectNode body = Json.object();
    body.put("error", e.code());
    body.put("message", e.getMessage());
    for (Map.Entry<String, Object> detail : e.details().entrySet()) {
      body.set(detail.getKey(), Json.MAPPER.valueToTree(detail.getValue()));
    }
    return json(exchange, e.status(), body);
  }
}
