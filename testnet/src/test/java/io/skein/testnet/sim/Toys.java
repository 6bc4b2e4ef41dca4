package io.skein.testnet.sim;

/** Builders shared by the simulator's tests. */
final class Toys {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000_000_000L;

  private Toys() {}

  /** A toy simulator with {@code n} {@link ToyProcess}es (echoing pings if {@code echo}). */
  static Simulator<ToyMessage> toySim(long seed, LinkModel link, int n, boolean echo) {
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed).link(link).fingerprint(ToyMessage::fingerprint).build();
    sim.addNodes(n, node -> new ToyProcess(node, echo));
    return sim;
  }

  /** Node {@code i}'s current toy process. */
  static ToyProcess toy(Simulator<ToyMessage> sim, int i) {
    return (ToyProcess) sim.process(i);
  }

  /** Makes node {@code from} send {@code message} to node {@code to} now. */
  static void send(Simulator<ToyMessage> sim, int from, int to, ToyMessage message) {
    sim.command(from, p -> ((ToyProcess) p).send(Simulator.endpointOf(to), message));
  }

  /** Makes node {@code from} send pings {@code 0..count-1} to node {@code to} now. */
  static void sendPings(Simulator<ToyMessage> sim, int from, int to, int count) {
    sim.command(
        from,
        p -> {
          for (int i = 0; i < count; i++) {
            ((ToyProcess) p).send(Simulator.endpointOf(to), new ToyMessage.Ping(i));
          }
        });
  }
}
