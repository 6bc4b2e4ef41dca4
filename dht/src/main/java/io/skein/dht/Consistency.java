package io.skein.dht;

/**
 * How many of the r replicas a put must reach, or a get must hear agree, before it reports its
 * level as reached (Cassandra's consistency levels).
 */
public enum Consistency {
  /** One replica. */
  ONE,
  /** A majority: {@code replicas / 2 + 1}. The default. */
  QUORUM,
  /** Every replica. */
  ALL;

  /** Replicas required out of {@code replicas} (at least 1 when {@code replicas > 0}). */
  public int required(int replicas) {
    if (replicas <= 0) {
      return 1;
    }
    return switch (this) {
      case ONE -> 1;
      case QUORUM -> replicas / 2 + 1;
      case ALL -> replicas;
    };
  }
}
