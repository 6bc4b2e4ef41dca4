package io.skein.dht.msg;

import io.skein.dht.Contact;
import io.skein.dht.DhtLimits;
import java.util.List;

/**
 * Reply to {@link FindNode}: the responder's closest contacts to the target.
 *
 * @param rpcId the request's id
 * @param closer at most {@link DhtLimits#MAX_CONTACTS_PER_REPLY} contacts (copied, unmodifiable)
 */
public record Nodes(long rpcId, List<Contact> closer) implements DhtMessage {
  /** Checks the fields. */
  public Nodes {
    closer = Bounded.contacts(closer);
  }
}
