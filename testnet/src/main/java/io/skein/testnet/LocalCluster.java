package io.skein.testnet;

import io.skein.crypto.KeyPair;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import java.net.BindException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N real nodes in this JVM, each with its own key, event loop, JeroMQ context and listening socket
 * on a free loopback port. Nodes can be killed (closed abruptly, as a crash looks to its peers).
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  private final List<Node> nodes;
  private final List<Boolean> alive;

  private LocalCluster(List<Node> nodes) {
    this.nodes = Collections.unmodifiableList(nodes);
    this.alive =
        Collections.synchronizedList(new ArrayList<>(Collections.nCopies(nodes.size(), true)));
  }

  /**
   * Starts {@code size} nodes with {@code config}, each listening on a free port of the config's
   * host (use {@link NodeConfig#local()}).
   *
   * @throws BindException if a node cannot listen; the nodes already started are closed
   */
  public static LocalCluster start(int size, NodeConfig config) throws BindException {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster has at least one node, got " + size);
    }
    NodeConfig free = config.withListen(config.host(), 0);
    List<Node> started = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        started.add(Node.start(KeyPair.generate(), free));
      }
    } catch (BindException | RuntimeException e) {
      started.forEach(Node::close);
      throw e;
    }
    log.info("local cluster of {} nodes started", size);
    return new LocalCluster(new ArrayList<>(started));
  }

  /** Number of nodes, dead or alive. */
  public int size() {
    return nodes.size();
  }

  /** Node {@code i} (also after it was killed: its endpoint and key stay known). */
  public Node node(int i) {
    return nodes.get(i);
  }

  /** All nodes, in start order. */
  public List<Node> nodes() {
    return nodes;
  }

  /** Whether node {@code i} has not been killed. */
  public boolean isAlive(int i) {
    return alive.get(i);
  }

  /** The nodes not killed, in start order. */
  public List<Node> liveNodes() {
    List<Node> live = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (alive.get(i)) {
        live.add(nodes.get(i));
      }
    }
    return live;
  }

  /** Kills node {@code i}: its sockets close at once (linger 0) and it answers nothing more. */
  public void kill(int i) {
    Objects.checkIndex(i, nodes.size());
    if (alive.set(i, false)) {
      nodes.get(i).close();
      log.info("killed node {} ({})", i, nodes.get(i));
    }
  }

  /** Closes every node. */
  @Override
  public void close() {
    for (int i = 0; i < nodes.size(); i++) {
      kill(i);
    }
  }
}
