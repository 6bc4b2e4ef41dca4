package io.skein.node.api;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An {@link ApiServer} on a free loopback port over an {@link InMemoryBackend}, per test. */
abstract class ApiFixture {
  final InMemoryBackend backend = InMemoryBackend.withSeed(1);
  final PrometheusRegistry registry = new PrometheusRegistry();
  ApiServer api;
  TestHttp http;

  /** The config each test's server starts with; tests may override. */
  ApiConfig config() {
    return ApiConfig.local();
  }

  @BeforeEach
  void startApi() throws IOException {
    api = ApiServer.start(config(), backend, registry);
    http = new TestHttp(api, config().bearerToken());
  }

  @AfterEach
  void stopApi() {
    if (api != null) {
      api.close();
    }
  }

  String namespace() {
    return backend.publicKey().hex();
  }
}
