package io.skein.testnet.sim;

/** Messages of the toy protocols the simulator's tests run. */
sealed interface ToyMessage {
  /** A numbered probe; {@link ToyProcess} answers with a {@link Pong} when echoing. */
  record Ping(long seq) implements ToyMessage {}

  /** The answer to a {@link Ping}. */
  record Pong(long seq) implements ToyMessage {}

  /** Anti-entropy push: the rumors the sender knows, as a bit mask. */
  record Push(long known) implements ToyMessage {}

  /** Anti-entropy answer: the rumors the answering node knows. */
  record Pull(long known) implements ToyMessage {}

  /** A deterministic fingerprint for the trace hash. */
  static long fingerprint(ToyMessage m) {
    if (m instanceof Ping p) {
      return 1L << 60 ^ p.seq();
    } else if (m instanceof Pong p) {
      return 2L << 60 ^ p.seq();
    } else if (m instanceof Push p) {
      return 3L << 60 ^ p.known() * 31;
    } else if (m instanceof Pull p) {
      return 4L << 60 ^ p.known() * 37;
    }
    throw new IllegalArgumentException("unknown toy message " + m);
  }
}
