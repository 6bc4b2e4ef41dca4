package io.skein.node.api;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API on the JDK's built-in server ({@code com.sun.net.httpserver}), bound to
 * 127.0.0.1 by default. Binding any address that is not loopback requires a bearer token ({@link
 * ApiConfig#bearerToken}), because the API writes records signed with the node's key.
 *
 * <h2>Endpoints</h2>
 *
 * <ul>
 *   <li>{@code GET /v1/members}: {@code [{"id": hex, "address": "host:port", "state":
 *       "alive"|"suspect"|"dead"|"left", "incarnation": n}, ...]}, sorted by id.
 *   <li>{@code GET /v1/status}: {@code {"id", "publicKey", "address", "incarnation",
 *       "uptimeMillis", "members": {"alive": n, "suspect": n, "dead": n, "left": n},
 *       "recordsStored", "routingContacts"}}. The public key is the node's namespace.
 *   <li>{@code PUT /v1/values/{name}?consistency=&cas=}: puts the body as this node's mutable
 *       record under {@code name} (percent-encoded UTF-8, 1 to 64 bytes, no '/' or control
 *       characters). Answers {@code {"key": "namespace/name", "namespace", "name", "seq",
 *       "recordKey", "size", "consistency", "acked", "replicas", "required", "rejections": {}}}.
 *   <li>{@code GET /v1/values/{name}} (this node's namespace) and {@code GET
 *       /v1/values/{namespace}/{name}}: the value.
 *   <li>{@code PUT /v1/immutable?consistency=}: puts the body as an immutable record; {@code "key"}
 *       in the answer is its content key, SHA-256 of the value.
 *   <li>{@code GET /v1/immutable/{key}}: the value at a record key.
 *   <li>{@code GET /metrics}: every metric of the node's registry in Prometheus text format
 *       (0.0.4); query parameters are ignored.
 * </ul>
 *
 * <p>Keys and namespaces are 64 hex digits, answered in lowercase. {@code consistency} is {@code
 * one}, {@code quorum} (the default) or {@code all}. A put's body is the raw value (at most {@link
 * ApiLimits#MAX_VALUE_BYTES}) unless its Content-Type is {@code application/json}: then it is an
 * envelope, see {@link PutBody}. A get answers the raw bytes ({@code application/octet-stream},
 * with {@code Skein-Kind}, {@code Skein-Record-Key} and for mutable records {@code Skein-Seq}
 * headers), or, when the request's Accept header names {@code application/json}, {@code {"key",
 * "kind", "namespace", "name", "seq", "recordKey", "size", "value": base64, "consistency",
 * "agreeing", "replicas", "required"}}.
 *
 * <h2>Errors</h2>
 *
 * <p>Every error the API produces is {@code {"error": code, "message": one line, ...}}: 400 bad
 * input (bad_name, bad_namespace, bad_key, bad_consistency, bad_cas, bad_query, bad_json), 401/403
 * token or Host refused, 404 not_found or unknown_path, 405 method_not_allowed (with Allow), 409
 * seq_too_low, cas_mismatch or kind_conflict, 413 body_too_large or value_too_large, 422
 * bad_signature or key_mismatch, 503 consistency_not_reached (with acked or agreeing, and
 * required), 504 timeout, 507 store_full, and 500 internal for anything unexpected (logged). A
 * request line or headers the JDK server itself cannot parse get its own plain 400 before the API
 * sees them.
 *
 * <h2>Limits</h2>
 *
 * <p>Bodies are read up to one byte past their cap, whatever Content-Length says, and must arrive
 * within {@link ApiConfig#bodyTimeoutMillis}. Requests are served by a fixed pool of {@link
 * ApiConfig#threads} with {@link ApiConfig#queueCapacity} waiting; beyond that, connections are
 * closed. The JDK server's process-wide limits are set by {@link JdkServerLimits} before the first
 * server starts, unless already given as system properties.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledThreadPoolExecutor watchdog;
  private final ApiMetrics metrics;
  private final InetSocketAddress address;
  private final String shortId;

  private ApiServer(
      HttpServer server,
      ExecutorService workers,
      ScheduledThreadPoolExecutor watchdog,
      ApiMetrics metrics,
      String shortId) {
    this.server = server;
    this.workers = workers;
    this.watchdog = watchdog;
    this.metrics = metrics;
    this.address = server.getAddress();
    this.shortId = shortId;
  }

  /**
   * Starts the API.
   *
   * @param config where to listen and with which limits
   * @param backend the node behind the API
   * @param registry the node's metrics: served on {@code /metrics}; the API adds its own
   * @throws IllegalArgumentException if the address is not loopback and no token is set
   * @throws BindException naming the address if it is in use
   * @throws IOException if the address cannot be resolved or bound
   */
  public static ApiServer start(ApiConfig config, ApiBackend backend, PrometheusRegistry registry)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(registry, "registry");
    InetAddress host = InetAddress.getByName(config.host());
    if (!host.isLoopbackAddress() && config.bearerToken() == null) {
      throw new IllegalArgumentException(
          "the API would listen on "
              + config.host()
              + ", which is not a loopback address: that needs a bearer token, because the API"
              + " writes records with the node's key");
    }
    String shortId = backend.publicKey().nodeId().shortId();
    JdkServerLimits.applyDefaults();
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            config.threads(),
            config.threads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.queueCapacity()),
            threads("skein-api-" + shortId));
    ScheduledThreadPoolExecutor watchdog =
        new ScheduledThreadPoolExecutor(1, threads("skein-api-watchdog-" + shortId));
    watchdog.setRemoveOnCancelPolicy(true);
    ApiMetrics metrics = new ApiMetrics(registry);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, config.port()), 0);
    } catch (IOException | RuntimeException e) {
      workers.shutdownNow();
      watchdog.shutdownNow();
      metrics.unregister();
      if (e instanceof BindException) {
        BindException named =
            new BindException(
                "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
        named.initCause(e);
        throw named;
      }
      throw e;
    }
    BodyReader bodies = new BodyReader(watchdog, config.bodyTimeoutMillis());
    server.createContext("/", new ApiHandler(config, backend, registry, metrics, bodies, shortId));
    server.setExecutor(workers);
    server.start();
    ApiServer api = new ApiServer(server, workers, watchdog, metrics, shortId);
    log.info(
        "{} API listening on http://{} ({})",
        shortId,
        api.endpointText(),
        config.bearerToken() == null ? "no token" : "bearer token required");
    return api;
  }

  /** The address the API listens on (with the port chosen when the config asked for 0). */
  public InetSocketAddress address() {
    return address;
  }

  /** {@code host:port} of the API, for clients ({@code --api}). */
  public String endpointText() {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** Stops listening, drops requests in progress and unregisters the API's metrics. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    watchdog.shutdownNow();
    try {
      if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
        log.warn("{} API workers did not stop within 1 s", shortId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.unregister();
    log.info("{} API stopped", shortId);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
