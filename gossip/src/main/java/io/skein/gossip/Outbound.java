package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.msg.GossipMessage;
import java.util.Objects;

/**
 * A message the core wants sent. The driver sends it best-effort and never blocks; a message that
 * cannot be sent is simply lost (the protocol tolerates loss).
 *
 * @param to the destination endpoint
 * @param expectedKeyOrNull the key the destination must have (the transport drops the message if
 *     the peer at {@code to} proves another key), or {@code null} when unknown (join seeds)
 * @param message what to send
 */
public record Outbound(Endpoint to, PublicKey expectedKeyOrNull, GossipMessage message) {
  /** Validates. */
  public Outbound {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(message, "message");
  }
}
