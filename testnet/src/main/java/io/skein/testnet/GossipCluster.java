package io.skein.testnet;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipConfig;
import io.skein.gossip.Member;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.gossip.GossipService;
import io.skein.node.transport.DropReason;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N real nodes in this JVM, each hosting a {@link GossipService}, on free loopback ports, each with
 * its own JeroMQ context. Nodes can be killed (closed abruptly, as a crash looks to its peers) and
 * restarted with the same key on the same port.
 *
 * <p>Why not one shared context (it would save two threads per node): measured here with 50 nodes
 * started at once, a context shared by all with 2 I/O threads completed ZMTP handshakes in 749 ms
 * at p50 and 3.3 s at p90, 900 connections timed out before their handshake, and the cluster saw 93
 * suspicions and a false death; with one context per node, handshakes took 9 ms at p50 and 1.1 s at
 * p99, with no timeout, no suspicion and no death.
 *
 * <p>Every member event of every node is recorded with the time it was published ({@link
 * #events()}), so tests and benchmarks can tell who marked whom dead, and when.
 */
public final class GossipCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GossipCluster.class);

  /** Longest wait for one node to start and bind. */
  private static final long START_TIMEOUT_SECONDS = 60;

  /**
   * A member event as node {@code observer} published it.
   *
   * @param observer index of the node that saw it
   * @param subject index of the member it is about, or -1 for a key outside the cluster
   * @param event the event
   * @param atNanos {@code System.nanoTime()} when the listener ran
   */
  public record Observed(int observer, int subject, MemberEvent event, long atNanos) {
    /** The event type. */
    public MemberEvent.Type type() {
      return event.type();
    }
  }

  /**
   * Idle timeout of connections in {@link #nodeConfig()}: 60 s, as {@code TransportConfig.lan()}.
   * SWIM probes each member once per round of N - 1 probe intervals (49 s at N = 50 on lan), so
   * {@code TransportConfig.local()}'s 10 s would close most connections between two probes and make
   * nearly every probe wait for a new TCP connection and ZMTP handshake.
   */
  public static final long IDLE_TIMEOUT_MILLIS = 60_000;

  private final NodeConfig nodeConfig;
  private final GossipConfig gossipConfig;
  private final SplittableRandom seeds;
  private final KeyPair[] keys;
  private final Node[] nodes;
  private final GossipService[] services;
  private final boolean[] alive;
  private final Map<PublicKey, Integer> indexOfKey = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Observed> events = new ConcurrentLinkedQueue<>();
  private final long[] joinNanos;
  private volatile long startNanos;
  private volatile long lastJoinNanos;

  /** {@link NodeConfig#local()} with connections kept for {@link #IDLE_TIMEOUT_MILLIS}. */
  public static NodeConfig nodeConfig() {
    NodeConfig local = NodeConfig.local();
    return local.withTransport(local.transport().withIdleTimeoutMillis(IDLE_TIMEOUT_MILLIS));
  }

  private GossipCluster(int size, NodeConfig nodeConfig, GossipConfig gossipConfig, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster has at least one node, got " + size);
    }
    this.nodeConfig = nodeConfig.withListen(nodeConfig.host(), 0);
    this.gossipConfig = Objects.requireNonNull(gossipConfig, "gossipConfig");
    this.seeds = new SplittableRandom(seed);
    this.keys = new KeyPair[size];
    this.nodes = new Node[size];
    this.services = new GossipService[size];
    this.alive = new boolean[size];
    this.joinNanos = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = KeyPair.generate();
      indexOfKey.put(keys[i].publicKey(), i);
    }
  }

  /**
   * Starts node 0, then nodes 1..size-1 one after another, each joining through node 0; returns
   * once every node is started and has asked node 0 (convergence is the caller's to await).
   *
   * @param nodeConfig node settings; the port is replaced by a free one (use {@link
   *     NodeConfig#local()})
   * @param seed seeds every core's random generator
   */
  public static GossipCluster startJoiningOneSeed(
      int size, NodeConfig nodeConfig, GossipConfig gossipConfig, long seed) throws BindException {
    GossipCluster cluster = new GossipCluster(size, nodeConfig, gossipConfig, seed);
    cluster.startNanos = System.nanoTime();
    try {
      cluster.startNode(0, 0);
      List<Endpoint> seedList = List.of(cluster.nodes[0].endpoint());
      for (int i = 1; i < size; i++) {
        cluster.startNode(i, 0);
        cluster.join(i, seedList);
      }
    } catch (BindException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    log.info("gossip cluster of {} nodes started, all joining through node 0", size);
    return cluster;
  }

  /**
   * Starts all nodes at once: one thread per node, released together, each starting its node and
   * then joining through node 0 as soon as node 0 listens. Returns when every thread is done.
   */
  public static GossipCluster startAllAtOnce(
      int size, NodeConfig nodeConfig, GossipConfig gossipConfig, long seed) throws BindException {
    GossipCluster cluster = new GossipCluster(size, nodeConfig, gossipConfig, seed);
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Endpoint> seedEndpoint = new CompletableFuture<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int index = i;
      CompletableFuture<Void> started = new CompletableFuture<>();
      done.add(started);
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  cluster.startNode(index, 0);
                  if (index == 0) {
                    seedEndpoint.complete(cluster.nodes[0].endpoint());
                  } else {
                    Endpoint seedAt = seedEndpoint.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    cluster.join(index, List.of(seedAt));
                  }
                  started.complete(null);
                } catch (Throwable e) {
                  if (index == 0) {
                    seedEndpoint.completeExceptionally(e);
                  }
                  started.completeExceptionally(e);
                }
              },
              "gossip-cluster-start-" + i);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    cluster.startNanos = System.nanoTime();
    go.countDown();
    try {
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      cluster.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof BindException be) {
        throw be;
      }
      throw new IllegalStateException("gossip cluster did not start: " + cause, cause);
    }
    log.info("gossip cluster of {} nodes started at once", size);
    return cluster;
  }

  private void startNode(int i, int port) throws BindException {
    GossipService gossip = new GossipService(gossipConfig, null, new SplittableRandom(nextSeed()));
    gossip.addListener(
        e ->
            events.add(
                new Observed(
                    i, indexOfKey.getOrDefault(e.member().key(), -1), e, System.nanoTime())));
    Node node =
        Node.start(keys[i], nodeConfig.withListen(nodeConfig.host(), port), List.of(gossip), null);
    synchronized (this) {
      nodes[i] = node;
      services[i] = gossip;
      alive[i] = true;
    }
  }

  private void join(int i, List<Endpoint> seedList) {
    gossip(i).join(seedList);
    synchronized (this) {
      long now = System.nanoTime();
      joinNanos[i] = now;
      if (now - lastJoinNanos > 0 || lastJoinNanos == 0) {
        lastJoinNanos = now;
      }
    }
  }

  /** {@code System.nanoTime()} when the cluster started starting its nodes. */
  public long startNanos() {
    return startNanos;
  }

  /**
   * {@code System.nanoTime()} when node {@code i} (its latest run) was told to join; 0 for none.
   */
  public synchronized long joinNanos(int i) {
    return joinNanos[i];
  }

  /** {@code System.nanoTime()} of the latest {@code join} call (a start or a restart). */
  public long lastJoinNanos() {
    return lastJoinNanos;
  }

  private synchronized long nextSeed() {
    return seeds.nextLong();
  }

  /** Number of nodes, dead or alive. */
  public int size() {
    return nodes.length;
  }

  /** Node {@code i} (its latest run; after a kill its endpoint and key stay known). */
  public synchronized Node node(int i) {
    return nodes[i];
  }

  /** The gossip service of node {@code i}'s latest run. */
  public synchronized GossipService gossip(int i) {
    return services[i];
  }

  /** Node {@code i}'s key, the same across restarts. */
  public PublicKey key(int i) {
    return keys[i].publicKey();
  }

  /** Whether node {@code i} runs. */
  public synchronized boolean isAlive(int i) {
    return alive[i];
  }

  /** Indexes of the nodes that run. */
  public synchronized List<Integer> live() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      if (alive[i]) {
        out.add(i);
      }
    }
    return out;
  }

  /** Kills node {@code i}: its sockets close at once (linger 0) and it answers nothing more. */
  public void kill(int i) {
    Node node;
    synchronized (this) {
      Objects.checkIndex(i, nodes.length);
      if (!alive[i]) {
        return;
      }
      alive[i] = false;
      node = nodes[i];
    }
    node.close();
    log.info("killed node {} ({})", i, node);
  }

  /**
   * Restarts killed node {@code i} with its key on its old port, with a fresh gossip core
   * (incarnation 0), joining through node {@code seedIndex}.
   */
  public void restart(int i, int seedIndex) throws BindException {
    int port;
    synchronized (this) {
      if (alive[i]) {
        throw new IllegalStateException("node " + i + " is running");
      }
      port = nodes[i].endpoint().port();
    }
    startNode(i, port);
    join(i, List.of(node(seedIndex).endpoint()));
    log.info("restarted node {} ({})", i, node(i));
  }

  /** Node {@code observer}'s view of node {@code subject}'s state, or null if unknown. */
  public MemberState stateOf(int observer, int subject) {
    Member m = memberOf(observer, subject);
    return m == null ? null : m.state();
  }

  /** Node {@code observer}'s view of node {@code subject}, or null if unknown. */
  public Member memberOf(int observer, int subject) {
    PublicKey key = key(subject);
    for (Member m : gossip(observer).members()) {
      if (m.key().equals(key)) {
        return m;
      }
    }
    return null;
  }

  /** Whether every running node sees every running node (itself included) ALIVE. */
  public boolean converged() {
    List<Integer> live = live();
    for (int observer : live) {
      for (int subject : live) {
        if (stateOf(observer, subject) != MemberState.ALIVE) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether every running node other than {@code subject} sees it in {@code state}. */
  public boolean allOthersSee(int subject, MemberState state) {
    for (int observer : live()) {
      if (observer != subject && stateOf(observer, subject) != state) {
        return false;
      }
    }
    return true;
  }

  /** Every member event published so far, in the order recorded. */
  public List<Observed> events() {
    return List.copyOf(events);
  }

  /** The recorded events matching {@code filter}. */
  public List<Observed> events(Predicate<Observed> filter) {
    return events.stream().filter(filter).toList();
  }

  /** Bytes of frames every node's codec encoded so far (killed nodes' last runs included). */
  public synchronized long bytesSent() {
    long sum = 0;
    for (Node n : nodes) {
      if (n != null) {
        sum += n.wireMetrics().bytesOutCount();
      }
    }
    return sum;
  }

  /** A one-line summary of transport and codec drops, for failure messages. */
  public synchronized String diagnostics() {
    StringBuilder sb = new StringBuilder("transport drops:");
    for (DropReason r : DropReason.values()) {
      long n = 0;
      for (Node node : nodes) {
        n += node == null ? 0 : node.transportMetrics().framesDropped(r);
      }
      if (n > 0) {
        sb.append(' ').append(r.label()).append('=').append(n);
      }
    }
    sb.append("; codec drops:");
    for (io.skein.node.wire.DropReason r : io.skein.node.wire.DropReason.values()) {
      long n = 0;
      for (Node node : nodes) {
        n += node == null ? 0 : node.wireMetrics().droppedCount(r);
      }
      if (n > 0) {
        sb.append(' ').append(r.label()).append('=').append(n);
      }
    }
    long opened = 0;
    long up = 0;
    long redials = 0;
    for (Node node : nodes) {
      if (node != null) {
        opened += node.transportMetrics().connectionsOpened();
        up += node.transportMetrics().connectionEvents("up");
        redials += node.transportMetrics().connectionEvents("redial");
      }
    }
    sb.append("; connections opened=")
        .append(opened)
        .append(" up=")
        .append(up)
        .append(" redials=")
        .append(redials);
    sb.append("; events:");
    for (MemberEvent.Type t : MemberEvent.Type.values()) {
      sb.append(' ').append(t).append('=').append(events(o -> o.type() == t).size());
    }
    return sb.toString();
  }

  /** Kills every node. */
  @Override
  public void close() {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null) {
        kill(i);
      }
    }
  }
}
