package io.skein.gossip;

/** A member's state as this node sees it. */
public enum MemberState {
  /** Answers probes, or nobody has accused it at its current incarnation. */
  ALIVE,
  /** Accused at its current incarnation; a suspicion timer runs. */
  SUSPECT,
  /** Its suspicion timed out here; it stays dead until it signs a higher incarnation. */
  DEAD,
  /** It signed a leave; it stays gone until it signs a higher incarnation. */
  LEFT
}
