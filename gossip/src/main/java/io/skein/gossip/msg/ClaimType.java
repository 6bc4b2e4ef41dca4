package io.skein.gossip.msg;

/**
 * The four kinds of membership claim. The id is the first byte of a claim's signed encoding and
 * part of the wire format: never renumber, only append.
 */
public enum ClaimType {
  /** "I am alive at this endpoint", signed by the member. */
  ALIVE(1, 0),
  /** "I am leaving", signed by the member. */
  LEAVE(2, 3),
  /** "I could not reach this member", signed by the accuser. */
  SUSPECT(3, 1),
  /** "My suspicion of this member timed out", signed by the accuser. */
  DEAD(4, 2);

  private final int id;
  private final int precedence;

  ClaimType(int id, int precedence) {
    this.id = id;
    this.precedence = precedence;
  }

  /** Wire id, 1..4. */
  public int id() {
    return id;
  }

  /**
   * SWIM's order between claims about the same member at the same incarnation: alive &lt; suspect
   * &lt; dead &lt; leave. A higher incarnation always wins whatever the type.
   */
  public int precedence() {
    return precedence;
  }

  /** The type with this wire id. */
  public static ClaimType ofId(int id) {
    for (ClaimType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown claim type id " + id);
  }
}
