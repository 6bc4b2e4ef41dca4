package io.skein.testnet;

import io.skein.dht.Contact;
import io.skein.dht.DhtConfig;
import io.skein.dht.FindNodeResult;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.NodeService;
import io.skein.node.dht.DhtService;
import java.net.BindException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LocalCluster} whose nodes each host a {@link DhtService} (with an in-memory store), and
 * the way such a network starts: every node joins through one seed.
 */
public final class DhtCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DhtCluster.class);

  private final LocalCluster cluster;
  private final List<DhtService> services;

  private DhtCluster(LocalCluster cluster, List<DhtService> services) {
    this.cluster = cluster;
    this.services = Collections.unmodifiableList(services);
  }

  /** Starts {@code size} nodes, each with a DHT of {@code dhtConfig}; nobody has joined yet. */
  public static DhtCluster start(int size, NodeConfig nodeConfig, DhtConfig dhtConfig)
      throws BindException {
    return start(size, nodeConfig, dhtConfig, i -> List.of());
  }

  /**
   * Starts {@code size} nodes, node {@code i} hosting {@code extraServices.apply(i)} (offered every
   * frame first, e.g. a test peer's interceptor) and then its DHT.
   */
  public static DhtCluster start(
      int size,
      NodeConfig nodeConfig,
      DhtConfig dhtConfig,
      IntFunction<List<NodeService>> extraServices)
      throws BindException {
    List<DhtService> services = new ArrayList<>(size);
    LocalCluster cluster =
        LocalCluster.start(
            size,
            nodeConfig,
            i -> {
              DhtService dht = DhtService.inMemory(dhtConfig);
              services.add(dht);
              List<NodeService> all = new ArrayList<>(extraServices.apply(i));
              all.add(dht);
              return all;
            });
    return new DhtCluster(cluster, services);
  }

  /**
   * Every node but {@code seed} joins through node {@code seed}, all at once; then the seed looks
   * itself up through all of them; then the others join through the seed once more. In the first
   * round the seed knows nobody yet (it admits a peer only once that peer answered it), so the
   * joiners find only the seed; its own lookup fills its table with the joiners that answer; the
   * second round lets every joiner learn its neighbours from a seed that knows the network, as
   * nodes joining one after another would. Each step waits for lookups to finish, never for a time.
   * Returns the second round's results.
   *
   * @throws TimeoutException if some node did not join within {@code timeoutMillis}
   */
  public List<FindNodeResult> bootstrapThrough(int seed, long timeoutMillis)
      throws InterruptedException, ExecutionException, TimeoutException {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    joinAll(seed, deadline);
    List<Contact> joiners = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      if (i != seed) {
        joiners.add(services.get(i).self());
      }
    }
    services
        .get(seed)
        .bootstrap(joiners)
        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    List<FindNodeResult> results = joinAll(seed, deadline);
    log.info(
        "{} nodes joined through node {} in {} ms; the seed knows {}",
        results.size(),
        seed,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        services.get(seed).routingTableSize());
    return results;
  }

  private List<FindNodeResult> joinAll(int seed, long deadlineNanos)
      throws InterruptedException, ExecutionException, TimeoutException {
    Contact seedContact = services.get(seed).self();
    List<CompletableFuture<FindNodeResult>> joins = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      if (i != seed) {
        joins.add(services.get(i).bootstrap(List.of(seedContact)));
      }
    }
    CompletableFuture.allOf(joins.toArray(new CompletableFuture<?>[0]))
        .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    List<FindNodeResult> results = new ArrayList<>();
    for (CompletableFuture<FindNodeResult> j : joins) {
      results.add(j.join());
    }
    return results;
  }

  /** Number of nodes, dead or alive. */
  public int size() {
    return services.size();
  }

  /** The DHT of node {@code i}. */
  public DhtService dht(int i) {
    return services.get(i);
  }

  /** Node {@code i}. */
  public Node node(int i) {
    return cluster.node(i);
  }

  /** The underlying cluster (kill, liveness). */
  public LocalCluster cluster() {
    return cluster;
  }

  /** Kills node {@code i} (its DHT answers nothing more; peers find out by timeouts). */
  public void kill(int i) {
    cluster.kill(i);
  }

  /** Whether node {@code i} has not been killed. */
  public boolean isAlive(int i) {
    return cluster.isAlive(i);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
