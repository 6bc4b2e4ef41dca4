package io.skein.node.transport;

import io.skein.node.wire.WireLimits;

/**
 * Settings of one node's {@link Transport}, memberlist style: start from a preset ({@link #lan()},
 * {@link #wan()}, {@link #local()}) and change single fields with the {@code with...} methods.
 *
 * @param sendHighWaterMark frames queued per peer connection before sends to it fail fast and are
 *     counted as {@code send_queue_full}. Default 256 (lan, local), 512 (wan): at most {@code 256 *
 *     MAX_FRAME_BYTES} = 32 MiB per slow peer in the worst case, about 300 KiB with 1.2 KB SWIM
 *     frames; enough for a burst of pings, gossip and DHT replies within one round trip.
 * @param receiveHighWaterMark frames queued per inbound connection before JeroMQ stops reading it.
 *     Default 256: bounds a flooding connection's buffered frames the same way.
 * @param reconnectIntervalMillis first wait before JeroMQ retries a failed TCP connect. Default 100
 *     (lan), 250 (wan), 20 (local).
 * @param reconnectIntervalMaxMillis the retry wait doubles up to this. Default 2,000 (lan), 5,000
 *     (wan), 500 (local).
 * @param connectTimeoutMillis an outbound connection that has not been up (ZMTP handshake done) for
 *     this long, since it was opened or lost, is torn down, and the frames waiting for it are
 *     dropped and counted as {@code connect_timeout}; no waiting frame older than this is ever
 *     sent, so a peer restarted on the same port gets no stale frames. Default 3,000 (lan) = 3 x
 *     handshakeTimeoutMillis, so a stalled handshake is retried before frames are given up; 10,000
 *     (wan); 5,000 (local: handshakes of many nodes sharing 2 loaded cores are slow).
 * @param maxPendingFramesPerPeer frames that may wait for one connection to come up; more are
 *     refused as {@code send_queue_full}. Default 64: a few SWIM rounds of traffic to one peer.
 * @param idleTimeoutMillis an outbound connection that is up and was neither sent on nor received
 *     from for this long is closed (file descriptors are the scarce resource). Default 60,000 (lan,
 *     wan) = 60 SWIM rounds of 1 s; 10,000 (local).
 * @param handshakeTimeoutMillis a connection whose ZMTP handshake takes longer is closed by JeroMQ,
 *     and an outbound one is retried at once (frames wait in our queue, not in the connection, so
 *     none is lost). JeroMQ 0.6 leaves a few in a hundred fresh loopback connections accepted but
 *     never handshaken (measured; both monitors show the TCP connect and no handshake), and a
 *     retried connection succeeds. Default 1,000 (lan) = 3 tries within connectTimeout, while a
 *     normal loopback handshake takes 2-15 ms; 3,000 (wan); 2,000 (local: up to about 1.5 s was
 *     seen at load average 11 on 2 cores).
 * @param handshakeRedialMillis an outbound connection whose TCP connect succeeded but whose ZMTP
 *     handshake has not finished after this long is dropped and dialled again on a fresh
 *     connection, its waiting frames kept; each further re-dial of it waits twice as long, up to
 *     handshakeTimeoutMillis. JeroMQ's handshakeTimeoutMillis is one value for the whole socket, so
 *     it must cover the slowest honest handshake under load, and a fresh loopback connection that
 *     will never handshake (as above) then costs that long: 2 s on local(), which in a burst of 50
 *     joins held a joiner's first frames back and made "all see all" take 2.1 s instead of 0.5 s in
 *     about half the runs of GossipRealBench. Re-dialling early cuts that to about this value,
 *     while a slow handshake still gets its doubling waits. Default 250 (lan, local: 15 x a normal
 *     loopback handshake; checked every maintenanceIntervalMillis), 1,000 (wan).
 * @param rateLimitFramesPerSecond frames per second accepted from one connection (per route id,
 *     assigned by our ROUTER so a sender cannot pick it), checked before any signature check; the
 *     rest are dropped and counted as {@code rate_limited}. Default 500: about 100 x a SWIM
 *     member's steady load, leaving room for DHT lookups; a flood of thousands per second is cut to
 *     this.
 * @param rateLimitBurstFrames token-bucket depth per connection. Default 1,000 = 2 s at the rate.
 * @param maxFramesPerPoll frames read from the socket per loop iteration before timers and tasks
 *     get their turn. Default 256.
 * @param maxOutboundConnections outbound connections kept open at once; opening one more closes the
 *     least recently used. Default 1,024 (one descriptor each, plus one at the peer when it shares
 *     the process).
 * @param maintenanceIntervalMillis how often connection timeouts and idle rate-limit state are
 *     checked. Default 250 (lan), 500 (wan), 50 (local): a timeout fires at most a tenth late.
 */
public record TransportConfig(
    int sendHighWaterMark,
    int receiveHighWaterMark,
    int reconnectIntervalMillis,
    int reconnectIntervalMaxMillis,
    long connectTimeoutMillis,
    int maxPendingFramesPerPeer,
    long idleTimeoutMillis,
    int handshakeTimeoutMillis,
    int handshakeRedialMillis,
    double rateLimitFramesPerSecond,
    double rateLimitBurstFrames,
    int maxFramesPerPoll,
    int maxOutboundConnections,
    long maintenanceIntervalMillis) {

  /**
   * Largest frame accepted or sent, the codec's hard limit (128 KiB); JeroMQ closes a connection
   * that announces a larger one, unread.
   */
  public static final int MAX_FRAME_BYTES = WireLimits.MAX_FRAME_BYTES;

  /** Most bytes of frames waiting, over all connections, for a connection to come up. */
  public static final long MAX_PENDING_BYTES = 16L * 1024 * 1024;

  /** Most public-key-to-route entries remembered; the least recently used is forgotten first. */
  public static final int MAX_LEARNED_ROUTES = 16_384;

  /** Most per-connection rate-limit buckets kept; the least recently used is forgotten first. */
  public static final int MAX_RATE_LIMITED_ROUTES = 16_384;

  /** Checks every field. */
  public TransportConfig {
    positive("sendHighWaterMark", sendHighWaterMark);
    positive("receiveHighWaterMark", receiveHighWaterMark);
    positive("reconnectIntervalMillis", reconnectIntervalMillis);
    if (reconnectIntervalMaxMillis < reconnectIntervalMillis) {
      throw new IllegalArgumentException("reconnectIntervalMaxMillis < reconnectIntervalMillis");
    }
    positive("connectTimeoutMillis", connectTimeoutMillis);
    positive("maxPendingFramesPerPeer", maxPendingFramesPerPeer);
    positive("idleTimeoutMillis", idleTimeoutMillis);
    positive("handshakeTimeoutMillis", handshakeTimeoutMillis);
    positive("handshakeRedialMillis", handshakeRedialMillis);
    if (!(rateLimitFramesPerSecond > 0) || !(rateLimitBurstFrames >= 1)) {
      throw new IllegalArgumentException("rate limit must be > 0 frames/s with a burst >= 1");
    }
    positive("maxFramesPerPoll", maxFramesPerPoll);
    positive("maxOutboundConnections", maxOutboundConnections);
    positive("maintenanceIntervalMillis", maintenanceIntervalMillis);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  /** Peers on one local network. */
  public static TransportConfig lan() {
    return new TransportConfig(
        256, 256, 100, 2_000, 3_000, 64, 60_000, 1_000, 250, 500, 1_000, 256, 1_024, 250);
  }

  /** Peers across the internet: longer connects and retries, deeper send queues. */
  public static TransportConfig wan() {
    return new TransportConfig(
        512, 256, 250, 5_000, 10_000, 64, 60_000, 3_000, 1_000, 500, 1_000, 256, 1_024, 500);
  }

  /** Many peers on one machine (tests, testnet): fast retries, short timeouts. */
  public static TransportConfig local() {
    return new TransportConfig(
        256, 256, 20, 500, 5_000, 64, 10_000, 2_000, 250, 500, 1_000, 256, 1_024, 50);
  }

  /** This config with another {@link #connectTimeoutMillis}. */
  public TransportConfig withConnectTimeoutMillis(long millis) {
    Copy c = new Copy(this);
    c.connectTimeoutMillis = millis;
    return c.build();
  }

  /** This config with another {@link #idleTimeoutMillis}. */
  public TransportConfig withIdleTimeoutMillis(long millis) {
    Copy c = new Copy(this);
    c.idleTimeoutMillis = millis;
    return c.build();
  }

  /** This config with another per-connection rate limit. */
  public TransportConfig withRateLimit(double framesPerSecond, double burstFrames) {
    Copy c = new Copy(this);
    c.rateLimitFramesPerSecond = framesPerSecond;
    c.rateLimitBurstFrames = burstFrames;
    return c.build();
  }

  /** This config with another {@link #maxOutboundConnections}. */
  public TransportConfig withMaxOutboundConnections(int max) {
    Copy c = new Copy(this);
    c.maxOutboundConnections = max;
    return c.build();
  }

  /** This config with another {@link #sendHighWaterMark}. */
  public TransportConfig withSendHighWaterMark(int frames) {
    Copy c = new Copy(this);
    c.sendHighWaterMark = frames;
    return c.build();
  }

  /** This config with another JeroMQ handshake timeout and re-dial wait. */
  public TransportConfig withHandshake(int timeoutMillis, int redialMillis) {
    Copy c = new Copy(this);
    c.handshakeTimeoutMillis = timeoutMillis;
    c.handshakeRedialMillis = redialMillis;
    return c.build();
  }

  /** A mutable copy of every field, for the {@code with...} methods. */
  private static final class Copy {
    private int sendHighWaterMark;
    private int receiveHighWaterMark;
    private int reconnectIntervalMillis;
    private int reconnectIntervalMaxMillis;
    private long connectTimeoutMillis;
    private int maxPendingFramesPerPeer;
    private long idleTimeoutMillis;
    private int handshakeTimeoutMillis;
    private int handshakeRedialMillis;
    private double rateLimitFramesPerSecond;
    private double rateLimitBurstFrames;
    private int maxFramesPerPoll;
    private int maxOutboundConnections;
    private long maintenanceIntervalMillis;

    Copy(TransportConfig c) {
      sendHighWaterMark = c.sendHighWaterMark;
      receiveHighWaterMark = c.receiveHighWaterMark;
      reconnectIntervalMillis = c.reconnectIntervalMillis;
      reconnectIntervalMaxMillis = c.reconnectIntervalMaxMillis;
      connectTimeoutMillis = c.connectTimeoutMillis;
      maxPendingFramesPerPeer = c.maxPendingFramesPerPeer;
      idleTimeoutMillis = c.idleTimeoutMillis;
      handshakeTimeoutMillis = c.handshakeTimeoutMillis;
      handshakeRedialMillis = c.handshakeRedialMillis;
      rateLimitFramesPerSecond = c.rateLimitFramesPerSecond;
      rateLimitBurstFrames = c.rateLimitBurstFrames;
      maxFramesPerPoll = c.maxFramesPerPoll;
      maxOutboundConnections = c.maxOutboundConnections;
      maintenanceIntervalMillis = c.maintenanceIntervalMillis;
    }

    TransportConfig build() {
      return new TransportConfig(
          sendHighWaterMark,
          receiveHighWaterMark,
          reconnectIntervalMillis,
          reconnectIntervalMaxMillis,
          connectTimeoutMillis,
          maxPendingFramesPerPeer,
          idleTimeoutMillis,
          handshakeTimeoutMillis,
          handshakeRedialMillis,
          rateLimitFramesPerSecond,
          rateLimitBurstFrames,
          maxFramesPerPoll,
          maxOutboundConnections,
          maintenanceIntervalMillis);
    }
  }
}
