package io.skein.testnet.sim;

import java.util.function.ToLongFunction;

/**
 * Configures a {@link Simulator}.
 *
 * @param <M> the message type
 */
public final class SimulatorBuilder<M> {
  final long seed;
  SimKeys keys;
  LinkModel link = LinkModel.lan();
  ToLongFunction<? super M> fingerprint = m -> TraceHash.hashString(m.getClass().getName());
  SimCodec<M> codec;
  TraceListener traceListener;
  SimEventListener eventListener;
  long startNanos;

  SimulatorBuilder(long seed) {
    this.seed = seed;
  }

  /** Identity source; default a new {@link SimSignatures} stand-in registry. */
  public SimulatorBuilder<M> keys(SimKeys keys) {
    this.keys = keys;
    return this;
  }

  /** Default link model; default {@link LinkModel#lan()}. */
  public SimulatorBuilder<M> link(LinkModel link) {
    if (link == null) {
      throw new IllegalArgumentException("link model is null");
    }
    this.link = link;
    return this;
  }

  /**
   * How a message object enters the trace hash when no codec is set. It must be deterministic
   * across JVM runs (no identity hash codes: enums' and arrays' {@code hashCode()} are not).
   * Default: a hash of the message's class name only.
   */
  public SimulatorBuilder<M> fingerprint(ToLongFunction<? super M> fingerprint) {
    this.fingerprint = fingerprint;
    return this;
  }

  /** Carry encoded bytes instead of objects (the trace then hashes the bytes). */
  public SimulatorBuilder<M> codec(SimCodec<M> codec) {
    this.codec = codec;
    return this;
  }

  /** Observe every trace record (debugging). */
  public SimulatorBuilder<M> traceListener(TraceListener listener) {
    this.traceListener = listener;
    return this;
  }

  /** Observe protocol events. */
  public SimulatorBuilder<M> eventListener(SimEventListener listener) {
    this.eventListener = listener;
    return this;
  }

  /** Virtual time at creation; default 0. */
  public SimulatorBuilder<M> startNanos(long startNanos) {
    this.startNanos = startNanos;
    return this;
  }

  /** The simulator. */
  public Simulator<M> build() {
    return new Simulator<>(this);
  }
}
