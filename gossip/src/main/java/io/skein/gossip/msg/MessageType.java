package io.skein.gossip.msg;

/** Wire type ids of gossip messages. Part of the wire format: append only, never renumber. */
public final class MessageType {
  /** {@link Ping}. */
  public static final int PING = 1;

  /** {@link Ack}. */
  public static final int ACK = 2;

  /** {@link PingReq}. */
  public static final int PING_REQ = 3;

  /** {@link Nack}. */
  public static final int NACK = 4;

  /** {@link Gossip}. */
  public static final int GOSSIP = 5;

  /** {@link PushPullRequest}. */
  public static final int PUSH_PULL_REQUEST = 6;

  /** {@link PushPullResponse}. */
  public static final int PUSH_PULL_RESPONSE = 7;

  /** {@link PushPullDigest}. */
  public static final int PUSH_PULL_DIGEST = 8;

  /** {@link PushPullDigestReply}. */
  public static final int PUSH_PULL_DIGEST_REPLY = 9;

  private MessageType() {}
}
