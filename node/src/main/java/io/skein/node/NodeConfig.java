package io.skein.node;

import io.skein.node.transport.TransportConfig;
import io.skein.node.wire.WireLimits;
import java.util.Objects;

/**
 * Settings of one {@link Node}, memberlist style: start from {@link #lan()}, {@link #wan()} or
 * {@link #local()} and change single fields with the {@code with...} methods.
 *
 * @param host the address to listen on. Default {@code 127.0.0.1} (local), {@code 0.0.0.0} (lan,
 *     wan). Peers are given {@link Node#endpoint()}, which names this host.
 * @param port the TCP port to listen on; 0 picks a free one. Default 7946 (lan, wan: memberlist's
 *     port), 0 (local).
 * @param networkId frames of other networks are dropped unread. Default {@link
 *     #DEFAULT_NETWORK_ID}.
 * @param pingTimeoutMillis a ping not answered within this long fails with a timeout. Default 500
 *     (lan: memberlist's probe timeout), 3,000 (wan: memberlist's), 1,000 (local: many nodes share
 *     2 cores). A first ping rides on a fresh connection; if its handshake stalls (a JeroMQ trap,
 *     see {@link TransportConfig#handshakeRedialMillis}) the ping fails unless this is longer than
 *     the re-dial, so a caller that needs its first ping answered uses the transport's connect
 *     timeout.
 * @param housekeepingIntervalMillis how often expired requests and stale replay state are swept.
 *     Default 100 (lan, local), 500 (wan) = a fifth of the ping timeout or less.
 * @param transport the transport settings: the preset of the same name.
 * @param wireLimits the codec's limits. Default {@link WireLimits#defaults()}.
 */
public record NodeConfig(
    String host,
    int port,
    int networkId,
    long pingTimeoutMillis,
    long housekeepingIntervalMillis,
    TransportConfig transport,
    WireLimits wireLimits) {

  /** The network id of the default Skein network. */
  public static final int DEFAULT_NETWORK_ID = 0x534b4e01;

  /** Validates the fields. */
  public NodeConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(wireLimits, "wireLimits");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (pingTimeoutMillis <= 0 || housekeepingIntervalMillis <= 0) {
      throw new IllegalArgumentException("timeouts and intervals must be > 0");
    }
  }

  /** Peers on one local network. */
  public static NodeConfig lan() {
    return new NodeConfig(
        "0.0.0.0",
        7946,
        DEFAULT_NETWORK_ID,
        500,
        100,
        TransportConfig.lan(),
        WireLimits.defaults());
  }

  /** Peers across the internet. */
  public static NodeConfig wan() {
    return new NodeConfig(
        "0.0.0.0",
        7946,
        DEFAULT_NETWORK_ID,
        3_000,
        500,
        TransportConfig.wan(),
        WireLimits.defaults());
  }

  /** Many nodes on one machine (tests, testnet), on loopback with free ports. */
  public static NodeConfig local() {
    return new NodeConfig(
        "127.0.0.1",
        0,
        DEFAULT_NETWORK_ID,
        1_000,
        100,
        TransportConfig.local(),
        WireLimits.defaults());
  }

  /** This config listening on {@code host:port}. */
  public NodeConfig withListen(String host, int port) {
    return new NodeConfig(
        host,
        port,
        networkId,
        pingTimeoutMillis,
        housekeepingIntervalMillis,
        transport,
        wireLimits);
  }

  /** This config with another {@link #pingTimeoutMillis}. */
  public NodeConfig withPingTimeoutMillis(long millis) {
    return new NodeConfig(
        host, port, networkId, millis, housekeepingIntervalMillis, transport, wireLimits);
  }

  /** This config with other transport settings. */
  public NodeConfig withTransport(TransportConfig config) {
    return new NodeConfig(
        host, port, networkId, pingTimeoutMillis, housekeepingIntervalMillis, config, wireLimits);
  }

  /** This config in another network. */
  public NodeConfig withNetworkId(int id) {
    return new NodeConfig(
        host, port, id, pingTimeoutMillis, housekeepingIntervalMillis, transport, wireLimits);
  }
}
