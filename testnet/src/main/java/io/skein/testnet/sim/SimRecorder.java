package io.skein.testnet.sim;

/**
 * A {@link Simulator}'s record of what happened: every send, drop, delivery and event goes into the
 * trace hash (one record of time, kind, endpoints and fingerprint), the counters and the optional
 * listener. Simulator thread only.
 */
final class SimRecorder {
  /** Stands for "no node" in a trace record (24 bits of index leave room for it). */
  private static final int NO_NODE = 0xfffffff;

  private final TraceHash trace = new TraceHash();
  private final SimStats stats = new SimStats();
  private final TraceListener listener;

  SimRecorder(TraceListener listenerOrNull) {
    this.listener = listenerOrNull;
  }

  /** Records one trace entry at {@code nowNanos}; {@code from} or {@code to} -1 for none. */
  void record(long nowNanos, TraceKind kind, int from, int to, long fingerprint) {
    stats.increment(kind);
    long where =
        ((long) kind.ordinal() << 56)
            | ((long) (from < 0 ? NO_NODE : from) << 28)
            | (to < 0 ? NO_NODE : to);
    trace.add(nowNanos, where, fingerprint);
    if (listener != null) {
      listener.onTrace(nowNanos, kind, from, to, fingerprint);
    }
  }

  byte[] digest() {
    return trace.digest();
  }

  long records() {
    return trace.records();
  }

  SimStats stats() {
    return stats;
  }
}
