package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import io.skein.gossip.msg.GossipMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A tiny deterministic message pump for gossip tests: many {@link Swim} cores in one thread,
 * virtual time, a fixed latency with jitter, optional loss and drop rules. Not the simulator (that
 * lives in testnet); just enough to test the core as a protocol.
 */
final class TestNet {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;

  /** Decides whether to drop one message. */
  interface DropRule {
    boolean drop(Node from, Node to, GossipMessage message);
  }

  /** Replaces a message in flight (return it unchanged to pass it, or null to drop it). */
  interface Rewrite {
    GossipMessage apply(Node from, Node to, GossipMessage message);
  }

  /** One simulated process. */
  final class Node {
    final int index;
    final Signer signer;
    Endpoint endpoint;
    Swim swim;
    boolean up;
    private long tickAt = Long.MAX_VALUE;
    private long tickVersion;
    final List<MemberEvent> events = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();

    Node(int index, Signer signer, Endpoint endpoint) {
      this.index = index;
      this.signer = signer;
      this.endpoint = endpoint;
    }

    PublicKey key() {
      return signer.publicKey();
    }

    /** This node's view of {@code other}, or null if unknown. */
    MemberState stateOf(Node other) {
      return swim.member(other.key()).map(Member::state).orElse(null);
    }

    long incarnationOf(Node other) {
      return swim.member(other.key()).map(Member::incarnation).orElse(-1L);
    }

    @Override
    public String toString() {
      return "node" + index + "@" + endpoint;
    }
  }

  /** A message a node handed out, with the time. */
  record Sent(long nanos, Endpoint to, GossipMessage message) {}

  private record Event(
      long time,
      long order,
      Node node,
      Endpoint from,
      PublicKey fromKey,
      GossipMessage message,
      long version) {}

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(Comparator.comparingLong(Event::time).thenComparingLong(Event::order));
  private final Map<Endpoint, Node> byEndpoint = new HashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private final SplittableRandom random;
  private final long seed;
  final Verifier verifier;
  private final FastCrypto fast;
  GossipConfig config;
  long now;
  private long order;
  long latencyNanos = 100_000;
  long checkEveryNanos = MS;
  boolean recordSent = true;
  long jitterNanos = 100_000;
  double lossRate;
  DropRule dropRule = (from, to, m) -> false;
  Rewrite rewrite = (from, to, m) -> m;
  long messagesDelivered;
  long messagesSent;
  long claimsSent;

  /** A network whose nodes use real Ed25519 keys. */
  static TestNet ed25519(GossipConfig config, long seed) {
    return new TestNet(config, seed, null);
  }

  /** A network whose nodes use {@link FastCrypto}, for large clusters. */
  static TestNet fast(GossipConfig config, long seed) {
    return new TestNet(config, seed, new FastCrypto());
  }

  private TestNet(GossipConfig config, long seed, FastCrypto fast) {
    this.config = config;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.fast = fast;
    this.verifier = fast != null ? fast : io.skein.crypto.Ed25519.VERIFIER;
  }

  /** A new identity from this network's seed. */
  Signer newSigner() {
    if (fast != null) {
      return fast.newSigner(random);
    }
    byte[] seedBytes = new byte[32];
    random.nextBytes(seedBytes);
    return KeyPair.fromSeed(seedBytes);
  }

  /** Creates (but does not start) a node with a fresh identity at 10.0.x.y:7946. */
  Node add() {
    int i = nodes.size();
    Node n = new Node(i, newSigner(), endpointOf(i));
    nodes.add(n);
    return n;
  }

  static Endpoint endpointOf(int i) {
    return new Endpoint("10.0." + (i / 250) + "." + (i % 250 + 1), 7946);
  }

  /** Starts {@code n} with a fresh core (a first start, or a restart with empty state). */
  void start(Node n) {
    n.swim =
        new Swim(
            config,
            n.signer,
            verifier,
            n.endpoint,
            new SplittableRandom(seed * 31 + n.index * 7919L + order),
            now);
    n.up = true;
    n.tickAt = Long.MAX_VALUE;
    byEndpoint.put(n.endpoint, n);
    after(n);
  }

  void join(Node n, Node... seeds) {
    List<Endpoint> eps = new ArrayList<>();
    for (Node s : seeds) {
      eps.add(s.endpoint);
    }
    n.swim.join(now, eps);
    after(n);
  }

  /** Stops {@code n} abruptly: it neither receives nor ticks. */
  void kill(Node n) {
    n.up = false;
    n.tickVersion++;
  }

  /** Lets {@code n} run the driver's part of a graceful leave. */
  void leave(Node n) {
    n.swim.leave(now);
    after(n);
  }

  List<Node> nodes() {
    return nodes;
  }

  Node node(int i) {
    return nodes.get(i);
  }

  /** Starts {@code count} nodes at once; all but the first join through the first. */
  List<Node> cluster(int count) {
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Node n = add();
      start(n);
      out.add(n);
    }
    for (int i = 1; i < count; i++) {
      join(out.get(i), out.get(0));
    }
    return out;
  }

  /** Whether every up node sees every other up node ALIVE. */
  boolean converged() {
    for (Node a : nodes) {
      if (!a.up) {
        continue;
      }
      for (Node b : nodes) {
        if (b != a && b.up && a.stateOf(b) != MemberState.ALIVE) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether every up node other than {@code subject} sees it in {@code state}. */
  boolean allSee(Node subject, MemberState state) {
    for (Node a : nodes) {
      if (a.up && a != subject && a.stateOf(subject) != state) {
        return false;
      }
    }
    return true;
  }

  void runFor(long nanos) {
    runUntil(() -> false, nanos);
  }

  /**
   * Runs until {@code done} holds or {@code maxNanos} pass. The condition is checked whenever
   * virtual time has moved on by at least {@link #checkEveryNanos} (1 ms), so a result is exact to
   * that resolution.
   */
  boolean runUntil(BooleanSupplier done, long maxNanos) {
    long end = now + maxNanos;
    if (done.getAsBoolean()) {
      return true;
    }
    long nextCheck = now + checkEveryNanos;
    while (true) {
      Event e = queue.peek();
      if (e == null || e.time > end) {
        now = end;
        return done.getAsBoolean();
      }
      if (e.time >= nextCheck) {
        if (done.getAsBoolean()) {
          return true;
        }
        nextCheck = e.time + checkEveryNanos;
      }
      queue.poll();
      now = Math.max(now, e.time);
      step(e);
    }
  }

  private void step(Event e) {
    Node n = e.node;
    if (!n.up || byEndpoint.get(n.endpoint) != n) {
      return;
    }
    if (e.message == null) {
      if (e.version != n.tickVersion) {
        return;
      }
      n.tickAt = Long.MAX_VALUE;
      n.swim.onTick(now);
    } else {
      messagesDelivered++;
      n.swim.onMessage(now, e.from, e.fromKey, e.message);
    }
    after(n);
  }

  /** Drains {@code n}'s outbox and events and reschedules its tick. */
  void after(Node n) {
    for (Outbound o : n.swim.drainOutbox()) {
      route(n, o);
    }
    n.events.addAll(n.swim.drainEvents());
    long d = n.swim.nextDeadlineNanos();
    if (d != n.tickAt) {
      n.tickAt = d;
      n.tickVersion++;
      if (d != Long.MAX_VALUE) {
        queue.add(new Event(Math.max(d, now), order++, n, null, null, null, n.tickVersion));
      }
    }
  }

  /** Delivers {@code message} to {@code to} as if {@code from} had sent it (for attackers). */
  void inject(Node from, Node to, GossipMessage message) {
    queue.add(new Event(now + latencyNanos, order++, to, from.endpoint, from.key(), message, 0));
  }

  private void route(Node from, Outbound o) {
    messagesSent++;
    claimsSent += o.message().claims().size();
    if (recordSent) {
      from.sent.add(new Sent(now, o.to(), o.message()));
    }
    Node to = byEndpoint.get(o.to());
    if (to == null || !to.up) {
      return;
    }
    if (o.expectedKeyOrNull() != null && !o.expectedKeyOrNull().equals(to.key())) {
      return; // the transport would refuse a peer with another key
    }
    if (lossRate > 0 && random.nextDouble() < lossRate) {
      return;
    }
    if (dropRule.drop(from, to, o.message())) {
      return;
    }
    GossipMessage m = rewrite.apply(from, to, o.message());
    if (m == null) {
      return;
    }
    long at = now + latencyNanos + (jitterNanos > 0 ? random.nextLong(jitterNanos + 1) : 0);
    queue.add(new Event(at, order++, to, from.endpoint, from.key(), m, 0));
  }

  /** Nodes that are up. */
  Collection<Node> upNodes() {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      if (n.up) {
        out.add(n);
      }
    }
    return out;
  }
}
