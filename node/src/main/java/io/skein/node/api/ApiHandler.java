package io.skein.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.PublicKey;
import io.skein.dht.Consistency;
import io.skein.dht.GetResult;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.gossip.MemberState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request: credentials first, then the route, then the answer. Bad input of any kind
 * is an {@link ApiException} (a 4xx with a JSON error); anything else that escapes is logged and
 * answered with a JSON 500.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

  private static final Set<String> NONE = Set.of();
  private static final Set<String> LEVEL = Set.of("consistency");
  private static final Set<String> LEVEL_CAS = Set.of("consistency", "cas");
  private static final Consistency DEFAULT_LEVEL = Consistency.QUORUM;

  private final ApiBackend backend;
  private final PrometheusRegistry registry;
  private final ApiMetrics metrics;
  private final Guard guard;
  private final BodyReader bodies;
  private final long operationTimeoutMillis;
  private final String shortId;
  private final PrometheusTextFormatWriter metricsWriter = PrometheusTextFormatWriter.create();

  ApiHandler(
      ApiConfig config,
      ApiBackend backend,
      PrometheusRegistry registry,
      ApiMetrics metrics,
      BodyReader bodies,
      String shortId) {
    this.backend = backend;
    this.registry = registry;
    this.metrics = metrics;
    this.guard = new Guard(config.bearerToken());
    this.bodies = bodies;
    this.operationTimeoutMillis = config.operationTimeoutMillis();
    this.shortId = shortId;
  }

  /** The route a request was for: a fixed set of names, used as a metric label. */
  private enum Route {
    MEMBERS,
    STATUS,
    VALUES,
    IMMUTABLE,
    METRICS,
    UNKNOWN;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long startNanos = System.nanoTime();
    Route route = Route.UNKNOWN;
    String status = "dropped";
    try {
      String method = exchange.getRequestMethod();
      String[] path = segments(exchange.getRequestURI().getRawPath());
      route = route(path);
      int code;
      try {
        guard.check(exchange);
        code = dispatch(exchange, route, method, path);
      } catch (ApiException e) {
        code = Responses.error(exchange, e);
      } catch (IOException e) {
        throw e;
      } catch (RuntimeException e) {
        log.error(
            "{} API {} {} failed",
            shortId,
            method,
            Names.quote(exchange.getRequestURI().getRawPath()),
            e);
        code =
            Responses.error(
                exchange, new ApiException(500, "internal", "internal error; see the node's log"));
      }
      status = Integer.toString(code);
    } finally {
      metrics.observe(route.label(), status, System.nanoTime() - startNanos);
    }
  }

  private static String[] segments(String rawPath) {
    if (rawPath == null || rawPath.length() < 2 || rawPath.charAt(0) != '/') {
      return new String[0];
    }
    return rawPath.substring(1).split("/", -1);
  }

  private static Route route(String[] p) {
    if (p.length == 1 && p[0].equals("metrics")) {
      return Route.METRICS;
    }
    if (p.length < 2 || !p[0].equals("v1")) {
      return Route.UNKNOWN;
    }
    return switch (p[1]) {
      case "members" -> p.length == 2 ? Route.MEMBERS : Route.UNKNOWN;
      case "status" -> p.length == 2 ? Route.STATUS : Route.UNKNOWN;
      case "values" -> (p.length == 3 || p.length == 4) ? Route.VALUES : Route.UNKNOWN;
      case "immutable" -> (p.length == 2 || p.length == 3) ? Route.IMMUTABLE : Route.UNKNOWN;
      default -> Route.UNKNOWN;
    };
  }

  private int dispatch(HttpExchange exchange, Route route, String method, String[] p)
      throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    switch (route) {
      case MEMBERS:
        allow(method, "GET");
        Query.parse(query, NONE);
        return Responses.json(exchange, 200, members());
      case STATUS:
        allow(method, "GET");
        Query.parse(query, NONE);
        return Responses.json(exchange, 200, status());
      case METRICS:
        allow(method, "GET");
        return metrics(exchange);
      case VALUES:
        if (p.length == 3) {
          allow(method, "GET", "PUT");
          String name = Names.name(p[2]);
          if (method.equals("PUT")) {
            return putMutable(exchange, name, Query.parse(query, LEVEL_CAS));
          }
          return getMutable(exchange, backend.publicKey(), name, Query.parse(query, LEVEL));
        }
        allow(method, "GET");
        PublicKey namespace = Names.namespace(p[2]);
        return getMutable(exchange, namespace, Names.name(p[3]), Query.parse(query, LEVEL));
      case IMMUTABLE:
        if (p.length == 2) {
          allow(method, "PUT");
          return putImmutable(exchange, Query.parse(query, LEVEL));
        }
        allow(method, "GET");
        return getImmutable(exchange, Names.key(p[2]), Query.parse(query, LEVEL));
      default:
        throw new ApiException(
            404,
            "unknown_path",
            "no such endpoint: "
                + Names.quote(exchange.getRequestURI().getRawPath())
                + " (see /v1/members, /v1/status, /v1/values, /v1/immutable, /metrics)");
    }
  }

  private static void allow(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new ApiException(
            405,
            "method_not_allowed",
            Names.quote(method) + " is not allowed here; use " + String.join(" or ", allowed))
        .withHeader("Allow", String.join(", ", allowed));
  }

  private ArrayNode members() {
    List<MemberView> members = new ArrayList<>(backend.members());
    members.sort(Comparator.comparing(MemberView::id));
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (MemberView m : members) {
      ObjectNode json = array.addObject();
      json.put("id", m.id().hex());
      json.put("address", m.address().toString());
      json.put("state", m.state().name().toLowerCase(Locale.ROOT));
      json.put("incarnation", m.incarnation());
    }
    return array;
  }

  private ObjectNode status() {
    StatusView s = backend.status();
    Map<MemberState, Integer> counts = new EnumMap<>(MemberState.class);
    for (MemberState state : MemberState.values()) {
      counts.put(state, 0);
    }
    for (MemberView m : backend.members()) {
      counts.merge(m.state(), 1, Integer::sum);
    }
    ObjectNode json = Json.object();
    json.put("id", s.publicKey().nodeId().hex());
    json.put("publicKey", s.publicKey().hex());
    json.put("address", s.address().toString());
    json.put("incarnation", s.incarnation());
    json.put("uptimeMillis", s.uptimeMillis());
    ObjectNode byState = json.putObject("members");
    counts.forEach((state, n) -> byState.put(state.name().toLowerCase(Locale.ROOT), n));
    json.put("recordsStored", s.recordsStored());
    json.put("routingContacts", s.routingContacts());
    return json;
  }

  private int metrics(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    metricsWriter.write(out, registry.scrape());
    return Responses.bytes(exchange, 200, metricsWriter.getContentType(), out.toByteArray());
  }

  private int putMutable(HttpExchange exchange, String name, Query query) throws IOException {
    Consistency queryLevel = Names.consistency(query.get("consistency"), null);
    long queryCas = query.get("cas") == null ? MutableRecord.NO_CAS : Names.seq(query.get("cas"));
    PutBody body = PutBody.read(exchange, bodies, true);
    Consistency level =
        Names.consistency(
            PutBody.merge(
                queryLevel == null ? null : Names.text(queryLevel),
                body.consistency(),
                "consistency",
                "bad_consistency"),
            DEFAULT_LEVEL);
    String casText =
        PutBody.merge(
            queryCas == MutableRecord.NO_CAS ? null : Long.toString(queryCas),
            body.cas(),
            "cas",
            "bad_cas");
    long cas = casText == null ? MutableRecord.NO_CAS : Names.seq(casText);
    PutView view = await(backend.putMutable(name, body.value(), level, cas));
    String displayKey = backend.publicKey().hex() + "/" + name;
    return Responses.json(exchange, 200, Outcomes.put(view, displayKey));
  }

  private int putImmutable(HttpExchange exchange, Query query) throws IOException {
    Consistency queryLevel = Names.consistency(query.get("consistency"), null);
    PutBody body = PutBody.read(exchange, bodies, false);
    Consistency level =
        Names.consistency(
            PutBody.merge(
                queryLevel == null ? null : Names.text(queryLevel),
                body.consistency(),
                "consistency",
                "bad_consistency"),
            DEFAULT_LEVEL);
    PutView view = await(backend.putImmutable(body.value(), level));
    return Responses.json(exchange, 200, Outcomes.put(view, view.record().key().hex()));
  }

  private int getMutable(HttpExchange exchange, PublicKey namespace, String name, Query query)
      throws IOException {
    Consistency level = Names.consistency(query.get("consistency"), DEFAULT_LEVEL);
    RecordKey key = RecordKey.ofMutable(namespace, name.getBytes(StandardCharsets.UTF_8));
    String displayKey = namespace.hex() + "/" + name;
    GetResult result = await(backend.get(key, level));
    Record record = Outcomes.found(result, displayKey, true);
    return answerGet(exchange, result, record, displayKey);
  }

  private int getImmutable(HttpExchange exchange, RecordKey key, Query query) throws IOException {
    Consistency level = Names.consistency(query.get("consistency"), DEFAULT_LEVEL);
    GetResult result = await(backend.get(key, level));
    Record record = Outcomes.found(result, key.hex(), false);
    return answerGet(exchange, result, record, key.hex());
  }

  private static int answerGet(
      HttpExchange exchange, GetResult result, Record record, String displayKey)
      throws IOException {
    if (wantsJson(exchange.getRequestHeaders().getFirst("Accept"))) {
      return Responses.json(exchange, 200, Outcomes.get(result, record, displayKey));
    }
    exchange.getResponseHeaders().set("Skein-Kind", Outcomes.kind(record));
    exchange.getResponseHeaders().set("Skein-Record-Key", record.key().hex());
    if (record instanceof MutableRecord m) {
      exchange.getResponseHeaders().set("Skein-Seq", Long.toString(m.seq()));
    }
    return Responses.bytes(exchange, 200, Responses.OCTETS, record.value());
  }

  /** Whether the Accept header asks for application/json by name (not only through a wildcard). */
  static boolean wantsJson(String accept) {
    if (accept == null) {
      return false;
    }
    for (String range : accept.split(",")) {
      if (PutBody.isJson(range)) {
        return true;
      }
    }
    return false;
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(operationTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ApiException(
          504, "timeout", "the node did not finish within " + operationTimeoutMillis + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api) {
        throw api;
      }
      throw new IllegalStateException("the node failed the operation", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "shutting_down", "the API is shutting down");
    }
  }
}
