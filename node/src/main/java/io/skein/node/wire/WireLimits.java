package io.skein.node.wire;

/**
 * Limits of the wire codec: hard limits as named constants, tunables as fields with presets.
 *
 * @param maxFrameBytes largest frame accepted or produced, in bytes. Default {@link
 *     #MAX_FRAME_BYTES} (128 KiB): a DHT value of up to 64 KiB plus its record and the frame header
 *     fit with room to spare. May be lowered, never raised above {@link #MAX_FRAME_BYTES}.
 * @param maxClockSkewMillis largest accepted difference between a frame's timestamp and the local
 *     clock, either direction. Default 30,000 ms: NTP-synced hosts differ by milliseconds, so this
 *     only tolerates unsynced ones; it also bounds how long a replay guard must remember a sender
 *     (a frame older than this is dropped as stale anyway).
 * @param maxTrackedSenders senders whose replay window is remembered (LRU beyond that). Default
 *     4,096: every peer that sends to us within {@code maxClockSkewMillis} needs an entry to be
 *     replay-safe, and a node of a network of N members hears from at most about N of them; at
 *     about 400 bytes per entry the default costs about 1.6 MB.
 * @param maxOutstandingRequests requests sent and not yet answered or expired. Default 4,096: SWIM
 *     has a handful in flight (one probe plus k indirect ones per interval), a Kademlia lookup
 *     alpha = 3 per lookup; 4,096 leaves room for over a thousand concurrent lookups.
 */
public record WireLimits(
    int maxFrameBytes, long maxClockSkewMillis, int maxTrackedSenders, int maxOutstandingRequests) {

  /** Hard upper bound of a frame, in bytes (128 KiB). Frames above it are refused unread. */
  public static final int MAX_FRAME_BYTES = 128 * 1024;

  /**
   * Request ids remembered behind a sender's highest id, as a bitmap (IPsec style, RFC 4303 section
   * 3.4.3): ids up to this far behind are accepted once each, older ones are dropped.
   */
  public static final int REPLAY_WINDOW_IDS = 1024;

  /** Largest configurable clock skew tolerance: one day, in milliseconds. */
  public static final long MAX_CLOCK_SKEW_MILLIS = 86_400_000;

  /** Default clock skew tolerance, in milliseconds. */
  public static final long DEFAULT_MAX_CLOCK_SKEW_MILLIS = 30_000;

  /** Default number of senders whose replay windows are remembered. */
  public static final int DEFAULT_MAX_TRACKED_SENDERS = 4_096;

  /** Default number of outstanding requests. */
  public static final int DEFAULT_MAX_OUTSTANDING_REQUESTS = 4_096;

  /** Validates the limits. */
  public WireLimits {
    if (maxFrameBytes < FrameLayout.MIN_FULL_FRAME_BYTES || maxFrameBytes > MAX_FRAME_BYTES) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be "
              + FrameLayout.MIN_FULL_FRAME_BYTES
              + ".."
              + MAX_FRAME_BYTES
              + ", got "
              + maxFrameBytes);
    }
    if (maxClockSkewMillis < 0 || maxClockSkewMillis > MAX_CLOCK_SKEW_MILLIS) {
      throw new IllegalArgumentException(
          "maxClockSkewMillis must be 0.." + MAX_CLOCK_SKEW_MILLIS + ", got " + maxClockSkewMillis);
    }
    if (maxTrackedSenders < 1) {
      throw new IllegalArgumentException("maxTrackedSenders must be >= 1: " + maxTrackedSenders);
    }
    if (maxOutstandingRequests < 1) {
      throw new IllegalArgumentException(
          "maxOutstandingRequests must be >= 1: " + maxOutstandingRequests);
    }
  }

  /** The defaults, suitable for LAN, WAN and local networks alike. */
  public static WireLimits defaults() {
    return new WireLimits(
        MAX_FRAME_BYTES,
        DEFAULT_MAX_CLOCK_SKEW_MILLIS,
        DEFAULT_MAX_TRACKED_SENDERS,
        DEFAULT_MAX_OUTSTANDING_REQUESTS);
  }

  /** These limits with another frame size limit. */
  public WireLimits withMaxFrameBytes(int bytes) {
    return new WireLimits(bytes, maxClockSkewMillis, maxTrackedSenders, maxOutstandingRequests);
  }

  /** These limits with another clock skew tolerance. */
  public WireLimits withMaxClockSkewMillis(long millis) {
    return new WireLimits(maxFrameBytes, millis, maxTrackedSenders, maxOutstandingRequests);
  }

  /** These limits with another number of tracked senders. */
  public WireLimits withMaxTrackedSenders(int senders) {
    return new WireLimits(maxFrameBytes, maxClockSkewMillis, senders, maxOutstandingRequests);
  }

  /** These limits with another number of outstanding requests. */
  public WireLimits withMaxOutstandingRequests(int requests) {
    return new WireLimits(maxFrameBytes, maxClockSkewMillis, maxTrackedSenders, requests);
  }

  /**
   * Largest payload a frame of {@link #maxFrameBytes} can carry with the sender's full key (with
   * the short id 24 more bytes would fit; the codec refuses them, so that whether a payload fits
   * does not depend on what the recipient knows).
   */
  public int maxPayloadBytes() {
    return maxFrameBytes - FrameLayout.MIN_FULL_FRAME_BYTES;
  }
}
