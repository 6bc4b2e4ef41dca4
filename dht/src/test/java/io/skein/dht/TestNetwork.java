package io.skein.dht;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.record.InMemoryRecordStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * A test-only network of {@link Dht} cores in one thread on virtual time: messages are objects
 * delivered after a seeded random latency, timers fire at each core's next deadline. Nodes can be
 * taken down (they neither receive nor tick) or given a malicious responder. The same seed gives
 * the same run. (The real simulator lives in testnet.)
 */
public final class TestNetwork {
  /** Virtual nanoseconds in a millisecond. */
  public static final long MS = 1_000_000L;

  /** Virtual nanoseconds in a second. */
  public static final long SECOND = 1_000 * MS;

  /** One simulated node. */
  public static final class Node {
    public final int index;
    public final KeyPair keys;
    public final Contact contact;
    public final InMemoryRecordStore store;
    public final Dht dht;
    public final Map<Long, DhtResult> results = new HashMap<>();
    public boolean down;

    /** Added to the latency of every message this node sends (a slow node). */
    public long extraLatencyNanos;

    /** Senders' transports refuse requests to this node at once (a connect that failed). */
    public boolean unreachable;

    /** Answers requests instead of the core when set and it returns a reply (may be null). */
    public BiFunction<Contact, DhtMessage, DhtMessage> responder;

    Node(int index, KeyPair keys, Contact contact, InMemoryRecordStore store, Dht dht) {
      this.index = index;
      this.keys = keys;
      this.contact = contact;
      this.store = store;
      this.dht = dht;
    }

    public NodeId id() {
      return contact.id();
    }

    @Override
    public String toString() {
      return "node" + index + "(" + id() + ")";
    }
  }

  private record Delivery(long at, long seq, Contact from, NodeId to, DhtMessage message) {}

  private record Timer(long at, int node, long version) {}

  private final SplittableRandom random;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<NodeId, Node> byId = new HashMap<>();
  private final PriorityQueue<Delivery> deliveries =
      new PriorityQueue<>(Comparator.comparingLong(Delivery::at).thenComparingLong(Delivery::seq));
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(Comparator.comparingLong(Timer::at).thenComparingInt(Timer::node));
  private final List<Long> timerVersions = new ArrayList<>();
  private long seq;
  private long now;
  private long delivered;

  /** A network whose latencies and node randomness derive from {@code seed}. */
  public TestNetwork(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The virtual time. */
  public long now() {
    return now;
  }

  /** Messages delivered so far. */
  public long delivered() {
    return delivered;
  }

  /** All nodes, in creation order. */
  public List<Node> nodes() {
    return nodes;
  }

  /** Node number {@code i}. */
  public Node node(int i) {
    return nodes.get(i);
  }

  /** The node with id {@code id}, or {@code null}. */
  public Node node(NodeId id) {
    return byId.get(id);
  }

  /** Adds a node with {@code config}; it knows nobody yet. */
  public Node addNode(DhtConfig config) {
    int index = nodes.size();
    KeyPair keys = TestIds.keyPair(index + 1);
    Endpoint endpoint = new Endpoint("10.0." + (index / 250) + "." + (index % 250 + 1), 7000);
    InMemoryRecordStore store =
        new InMemoryRecordStore(config.maxRecordsPerNode(), config.maxStoredBytes());
    Dht dht =
        new Dht(
            config,
            keys,
            Ed25519.VERIFIER,
            endpoint,
            store,
            new SplittableRandom(random.nextLong()),
            now);
    Node node = new Node(index, keys, dht.self(), store, dht);
    nodes.add(node);
    byId.put(node.id(), node);
    timerVersions.add(0L);
    reschedule(node);
    return node;
  }

  /** Adds {@code n} nodes with {@code config}. */
  public List<Node> addNodes(int n, DhtConfig config) {
    List<Node> added = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      added.add(addNode(config));
    }
    return added;
  }

  /** Every node learns every other as a live gossip member. */
  public void introduceAllAsMembers() {
    for (Node a : nodes) {
      for (Node b : nodes) {
        if (a != b) {
          a.dht.onMemberAlive(now, b.contact);
        }
      }
      flush(a);
    }
  }

  /** Each node after the first joins through node 0 in turn, the network settling in between. */
  public void bootstrapAllThrough(Node seed, long settleNanos) {
    for (Node n : nodes) {
      if (n != seed) {
        n.dht.bootstrap(now, List.of(seed.contact));
        flush(n);
        runFor(settleNanos);
      }
    }
  }

  /** Takes {@code node} down: it receives nothing and does nothing until {@link #up}. */
  public void down(Node node) {
    node.down = true;
  }

  /** Brings {@code node} back. */
  public void up(Node node) {
    node.down = false;
    reschedule(node);
  }

  /** Tells every live node but {@code dead} that gossip declared {@code dead} dead. */
  public void announceDead(Node dead) {
    for (Node n : nodes) {
      if (n != dead && !n.down) {
        n.dht.onMemberDead(now, dead.id());
        flush(n);
      }
    }
  }

  /** Drains {@code node}'s outbox and results after the caller called into its core. */
  public void flush(Node node) {
    List<Outbound> batch = node.dht.drainOutbox();
    while (!batch.isEmpty()) {
      for (Outbound o : batch) {
        Node to = byId.get(o.to().id());
        if (to != null && to.unreachable && o.message().isRequest()) {
          node.dht.onSendFailed(now, to.id(), o.message().rpcId());
        } else {
          send(node, o.to().id(), o.message());
        }
      }
      batch = node.dht.drainOutbox();
    }
    for (DhtResult r : node.dht.drainResults()) {
      node.results.put(r.operationId(), r);
    }
    reschedule(node);
  }

  private void send(Node from, NodeId to, DhtMessage message) {
    long latency = MS + random.nextLong(4 * MS) + from.extraLatencyNanos;
    deliveries.add(new Delivery(now + latency, seq++, from.contact, to, message));
  }

  private void reschedule(Node node) {
    long version = timerVersions.get(node.index) + 1;
    timerVersions.set(node.index, version);
    long at = node.dht.nextDeadlineNanos();
    if (at != Long.MAX_VALUE) {
      timers.add(new Timer(Math.max(at, now), node.index, version));
    }
  }

  /** Runs events for {@code nanos} of virtual time. */
  public void runFor(long nanos) {
    runUntil(() -> false, nanos);
  }

  /**
   * Runs events until {@code done} holds (checked after each event) or {@code maxNanos} pass;
   * returns whether {@code done} held.
   */
  public boolean runUntil(BooleanSupplier done, long maxNanos) {
    long end = now + maxNanos;
    while (!done.getAsBoolean()) {
      while (!timers.isEmpty()
          && timers.peek().version() != timerVersions.get(timers.peek().node())) {
        timers.poll();
      }
      long nextDelivery = deliveries.isEmpty() ? Long.MAX_VALUE : deliveries.peek().at();
      long nextTimer = timers.isEmpty() ? Long.MAX_VALUE : timers.peek().at();
      long next = Math.min(nextDelivery, nextTimer);
      if (next > end) {
        now = end;
        return false;
      }
      now = next;
      if (nextDelivery <= nextTimer) {
        deliver(deliveries.poll());
      } else {
        Node node = nodes.get(timers.poll().node());
        if (!node.down) {
          node.dht.onTick(now);
          flush(node);
        }
      }
    }
    return true;
  }

  private void deliver(Delivery d) {
    Node target = byId.get(d.to());
    if (target == null || target.down) {
      return;
    }
    delivered++;
    if (target.responder != null && d.message().isRequest()) {
      DhtMessage reply = target.responder.apply(d.from(), d.message());
      if (reply != null) {
        send(target, d.from().id(), reply);
        return;
      }
    }
    target.dht.onMessage(now, d.from(), d.message());
    flush(target);
  }

  /** Runs until {@code node} has the result of operation {@code id}; fails after a minute. */
  @SuppressWarnings("unchecked")
  public <R extends DhtResult> R await(Node node, long id) {
    flush(node);
    if (!runUntil(() -> node.results.containsKey(id), 60 * SECOND)) {
      throw new AssertionError("operation " + id + " of " + node + " did not complete");
    }
    return (R) node.results.get(id);
  }
}
