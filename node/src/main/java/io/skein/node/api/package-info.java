/**
 * The node's HTTP API: {@link io.skein.node.api.ApiServer} serves members, status, puts and gets of
 * values and Prometheus metrics over the JDK's built-in HTTP server, on 127.0.0.1 by default. The
 * daemon supplies the data through {@link io.skein.node.api.ApiBackend}; endpoints and JSON shapes
 * are documented on {@link io.skein.node.api.ApiServer}.
 */
package io.skein.node.api;
