package io.skein.testnet.sim;

/** Optional observer of every trace record, for debugging a run step by step. */
@FunctionalInterface
public interface TraceListener {
  /**
   * One record. {@code from} and {@code to} are node indexes ({@code -1} when not applicable; for
   * single-node records both are the node); {@code fingerprint} is the message's or event's.
   */
  void onTrace(long timeNanos, TraceKind kind, int from, int to, long fingerprint);
}
