package io.skein.dht;

import io.skein.dht.msg.DhtMessage;
import java.util.Objects;

/**
 * A message the core wants sent.
 *
 * @param to the recipient
 * @param message what to send
 */
public record Outbound(Contact to, DhtMessage message) {
  /** Checks the fields. */
  public Outbound {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(message, "message");
  }
}
