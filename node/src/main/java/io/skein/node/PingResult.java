package io.skein.node;

import io.skein.crypto.PublicKey;
import java.time.Duration;

/**
 * A ping that was answered.
 *
 * @param peer the key that signed the ack (the expected key, if one was given)
 * @param roundTripNanos from sending the ping to accepting the ack, on our monotonic clock
 */
public record PingResult(PublicKey peer, long roundTripNanos) {
  /** The round trip as a {@link Duration}. */
  public Duration roundTrip() {
    return Duration.ofNanos(roundTripNanos);
  }
}
