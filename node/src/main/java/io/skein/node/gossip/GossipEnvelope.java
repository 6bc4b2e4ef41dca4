package io.skein.node.gossip;

import io.skein.crypto.Endpoint;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullDigest;
import io.skein.gossip.msg.PushPullDigestReply;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import java.util.Objects;

/**
 * The payload of a gossip frame: one gossip message plus the endpoint its sender listens on.
 *
 * <p>A frame names its sender's key but not where the sender can be reached (the TCP source port of
 * an outbound connection is ephemeral), and the SWIM core answers pings, ping-reqs and push-pulls
 * at the sender's advertised endpoint. So every gossip frame carries it, covered by the frame's
 * signature. It is only a return address: replies to it are addressed to the signing key's node id,
 * so a node at that endpoint with another key drops them unread.
 *
 * <p>One record per message kind, because a wire type maps to exactly one payload class.
 */
public sealed interface GossipEnvelope {
  /** The sender's advertised endpoint; {@code null} in a received {@link OfAck}. */
  Endpoint from();

  /** The gossip message. */
  GossipMessage message();

  /** The envelope for {@code message}, of the record class matching its kind. */
  static GossipEnvelope of(Endpoint from, GossipMessage message) {
    Objects.requireNonNull(message, "message");
    if (message instanceof Ping m) {
      return new OfPing(from, m);
    } else if (message instanceof Ack m) {
      return new OfAck(from, m);
    } else if (message instanceof PingReq m) {
      return new OfPingReq(from, m);
    } else if (message instanceof Nack m) {
      return new OfNack(from, m);
    } else if (message instanceof Gossip m) {
      return new OfGossip(from, m);
    } else if (message instanceof PushPullRequest m) {
      return new OfPushPullRequest(from, m);
    } else if (message instanceof PushPullResponse m) {
      return new OfPushPullResponse(from, m);
    } else if (message instanceof PushPullDigest m) {
      return new OfPushPullDigest(from, m);
    } else if (message instanceof PushPullDigestReply m) {
      return new OfPushPullDigestReply(from, m);
    }
    throw new IllegalArgumentException("unknown gossip message " + message.getClass());
  }

  /** A {@link Ping} and its sender's endpoint. */
  record OfPing(Endpoint from, Ping message) implements GossipEnvelope {
    /** Rejects nulls. */
    public OfPing {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * An {@link Ack} and its sender's endpoint, which the wire does not carry: {@code null} in a
   * received ack (see {@link GossipWireTypes}).
   */
  record OfAck(Endpoint from, Ack message) implements GossipEnvelope {
    /** Rejects a null message. */
    public OfAck {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A {@link PingReq} and its sender's endpoint. */
  record OfPingReq(Endpoint from, PingReq message) implements GossipEnvelope {
    /** Rejects nulls. */
    public OfPingReq {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A {@link Nack} and its sender's endpoint. */
  record OfNack(Endpoint from, Nack message) implements GossipEnvelope {
    /** Rejects nulls. */
    public OfNack {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A {@link Gossip} and its sender's endpoint. */
  record OfGossip(Endpoint from, Gossip message) implements GossipEnvelope {
    /** Rejects nulls. */
    public OfGossip {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A {@link PushPullRequest} and its sender's endpoint. */
  record OfPushPullRequest(Endpoint from, PushPullRequest message) implements GossipEnvelope {
    /** Rejects nulls. */
    public OfPushPullRequest {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A {@link PushPullResponse} and its sender's endpoint. */
  record OfPushPullResponse(Endpoint from, PushPullResponse message) implements GossipEnvelope {
    /** Rejects nulls. */
    public OfPushPullResponse {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A {@link PushPullDigest} and its sender's endpoint. */
  record OfPushPullDigest(Endpoint from, PushPullDigest message) implements GossipEnvelope {
    /** Rejects nulls. */
    public OfPushPullDigest {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A {@link PushPullDigestReply} and its sender's endpoint. */
  record OfPushPullDigestReply(Endpoint from, PushPullDigestReply message)
      implements GossipEnvelope {
    /** Rejects nulls. */
    public OfPushPullDigestReply {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(message, "message");
    }
  }
}
