package io.skein.testnet.sim;

/** Counters of one run: one per {@link TraceKind}, plus queue and byte totals. */
public final class SimStats {
  private final long[] counts = new long[TraceKind.values().length];
  private long eventsProcessed;
  private long bytesSent;

  SimStats() {}

  void increment(TraceKind kind) {
    counts[kind.ordinal()]++;
  }

  void eventProcessed() {
    eventsProcessed++;
  }

  void bytesSent(int bytes) {
    bytesSent += bytes;
  }

  /** How many trace records of this kind the run produced. */
  public long count(TraceKind kind) {
    return counts[kind.ordinal()];
  }

  /** Messages handed to the network. */
  public long sent() {
    return count(TraceKind.SEND);
  }

  /** Messages that reached a process (duplicates included, each copy once). */
  public long delivered() {
    return count(TraceKind.DELIVER);
  }

  /** Messages dropped for any reason. */
  public long dropped() {
    return count(TraceKind.DROP_LOSS)
        + count(TraceKind.DROP_PARTITION)
        + count(TraceKind.DROP_DOWN)
        + count(TraceKind.DROP_UNKNOWN)
        + count(TraceKind.DROP_KEY)
        + count(TraceKind.DROP_DECODE);
  }

  /** Entries taken off the simulator's event queue (deliveries, ticks, resumes, actions). */
  public long eventsProcessed() {
    return eventsProcessed;
  }

  /** Encoded bytes sent; 0 unless a {@link SimCodec} is in use. */
  public long bytesSent() {
    return bytesSent;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SimStats{events=").append(eventsProcessed);
    for (TraceKind kind : TraceKind.values()) {
      if (counts[kind.ordinal()] != 0) {
        s.append(", ").append(kind.name().toLowerCase()).append('=').append(counts[kind.ordinal()]);
      }
    }
    if (bytesSent != 0) {
      s.append(", bytesSent=").append(bytesSent);
    }
    return s.append('}').toString();
  }
}
