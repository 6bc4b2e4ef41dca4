package io.skein.gossip;

/**
 * A change in this node's view of a member, as memberlist's EventDelegate reports it.
 *
 * @param type what happened
 * @param member the member after the change
 * @param nowNanos the driver's time when it happened
 */
public record MemberEvent(Type type, Member member, long nowNanos) {
  /** Kinds of change. */
  public enum Type {
    /** A new member, or one that was dead or left and signed a higher incarnation. */
    JOINED,
    /** An alive member moved to a new endpoint. */
    UPDATED,
    /** An alive member was accused; a suspicion timer started. */
    SUSPECT,
    /** A suspect refuted with a higher incarnation before its timer ran out. */
    ALIVE,
    /** A suspect's timer ran out here. */
    DEAD,
    /** A member signed a leave. */
    LEFT
  }
}
