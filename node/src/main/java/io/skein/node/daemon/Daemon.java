package io.skein.node.daemon;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyFileException;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.DhtConfig;
import io.skein.gossip.GossipConfig;
import io.skein.gossip.Member;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.MemberState;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.api.ApiServer;
import io.skein.node.dht.DhtService;
import io.skein.node.gossip.GossipService;
import io.skein.node.store.MvStoreRecordStore;
import io.skein.node.store.RecordStoreException;
import java.io.IOException;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * One Skein peer: the identity from the data directory's key file, a {@link Node} hosting a {@link
 * GossipService} and a {@link DhtService} over a {@link MvStoreRecordStore} in the data directory,
 * and an {@link ApiServer} over both. Gossip feeds the DHT: a member that joined, came back alive
 * or moved enters the routing table; a dead or departed one leaves it.
 *
 * <p>The alive peers are saved to {@code peers.json} {@link #PEERS_SAVE_DELAY_MILLIS} after a
 * membership change, every {@link #PEERS_SAVE_INTERVAL_MILLIS} and at shutdown; with no {@code
 * join} setting the daemon rejoins through them. {@link #close()} leaves gracefully (bounded by
 * {@link #LEAVE_TIMEOUT_MILLIS}), then stops the API, the node and the store. Log lines start with
 * the node's short id.
 */
public final class Daemon implements AutoCloseable {
  /** How often the alive peers are written to {@code peers.json}: 30 s. */
  public static final long PEERS_SAVE_INTERVAL_MILLIS = 30_000;

  /**
   * Delay between a membership change and the save it triggers: 1 s, so a burst of joins is one
   * write, and a node killed soon after joining still finds its peers when it restarts.
   */
  public static final long PEERS_SAVE_DELAY_MILLIS = 1_000;

  /** Bound on the graceful leave at shutdown: 3 s (a leave reaches 50 members in under 1 s). */
  public static final long LEAVE_TIMEOUT_MILLIS = 3_000;

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final DaemonSettings settings;
  private final DataDir dataDir;
  private final KeyPair key;
  private final String shortId;
  private final MvStoreRecordStore store;
  private final GossipService gossip;
  private final DhtService dht;
  private final Node node;
  private final DaemonBackend backend;
  private final ApiServer api;
  private final ScheduledExecutorService saver;
  private final List<Endpoint> seeds;
  private final AtomicBoolean savePending = new AtomicBoolean();
  private boolean closed;

  private Daemon(
      DaemonSettings settings,
      DataDir dataDir,
      KeyPair key,
      MvStoreRecordStore store,
      GossipService gossip,
      DhtService dht,
      Node node,
      DaemonBackend backend,
      ApiServer api,
      List<Endpoint> seeds) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.key = key;
    this.shortId = key.nodeId().shortId();
    this.store = store;
    this.gossip = gossip;
    this.dht = dht;
    this.node = node;
    this.backend = backend;
    this.api = api;
    this.seeds = seeds;
    this.saver =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "skein-peers-" + shortId);
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts a daemon with its own JeroMQ context. */
  public static Daemon start(DaemonSettings settings) throws DaemonStartException {
    return start(settings, null);
  }

  /**
   * Starts a daemon: opens the data directory, key and store, starts the node and the API, and
   * begins joining through {@code settings.join()} or else the saved peers (joining goes on in the
   * background; a lone first node simply waits for others). Everything opened is closed again if a
   * later step fails.
   *
   * @param sharedContextOrNull a JeroMQ context shared by the daemons of one process, or {@code
   *     null}
   * @throws DaemonStartException naming what failed (port in use, bad key file, locked store)
   */
  public static Daemon start(DaemonSettings settings, ZContext sharedContextOrNull)
      throws DaemonStartException {
    Objects.requireNonNull(settings, "settings");
    long startedNanos = System.nanoTime();
    DataDir dataDir;
    KeyPair key;
    try {
      dataDir = DataDir.open(settings.dataDir());
      key = dataDir.loadOrCreateKey(new SecureRandom());
    } catch (KeyFileException e) {
      throw new DaemonStartException(DaemonStartException.Kind.KEY_FILE, e.getMessage(), e);
    } catch (IOException e) {
      throw new DaemonStartException(DaemonStartException.Kind.DATA_DIR, e.getMessage(), e);
    }
    String shortId = key.nodeId().shortId();
    List<Endpoint> seeds = seeds(settings, dataDir, shortId);
    MvStoreRecordStore store;
    try {
      store = MvStoreRecordStore.open(dataDir.recordsFile());
    } catch (RecordStoreException e) {
      throw new DaemonStartException(DaemonStartException.Kind.STORE, e.getMessage(), e);
    }
    Node node = null;
    ApiServer api = null;
    try {
      SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
      GossipService gossip =
          new GossipService(gossipConfig(settings.preset()), settings.advertise(), random.split());
      DhtService dht =
          new DhtService(dhtConfig(settings.preset()), store, settings.advertise(), random.split());
      gossip.addListener(event -> feed(dht, event));
      NodeConfig nodeConfig =
          nodeConfig(settings.preset())
              .withListen(settings.listen().host(), settings.listen().port());
      try {
        node = Node.start(key, nodeConfig, List.of(gossip, dht), sharedContextOrNull);
      } catch (BindException e) {
        throw new DaemonStartException(DaemonStartException.Kind.ADDRESS_IN_USE, e.getMessage(), e);
      }
      DaemonBackend backend = new DaemonBackend(key, gossip, dht, startedNanos);
      try {
        api = ApiServer.start(settings.apiConfig(), backend, node.registry());
      } catch (BindException e) {
        throw new DaemonStartException(
            DaemonStartException.Kind.ADDRESS_IN_USE, "API: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new DaemonStartException(
            DaemonStartException.Kind.ADDRESS_IN_USE,
            "cannot serve the API on " + settings.api() + ": " + e,
            e);
      }
      Daemon daemon =
          new Daemon(settings, dataDir, key, store, gossip, dht, node, backend, api, seeds);
      daemon.begin();
      log.info(
          "{} ready in {} ms: listen {} api {}",
          shortId,
          (System.nanoTime() - startedNanos) / 1_000_000,
          node.endpoint(),
          api.endpointText());
      return daemon;
    } catch (DaemonStartException | RuntimeException e) {
      if (api != null) {
        api.close();
      }
      if (node != null) {
        node.close();
      }
      store.close();
      throw e;
    }
  }

  private static List<Endpoint> seeds(DaemonSettings settings, DataDir dataDir, String shortId) {
    if (!settings.join().isEmpty()) {
      return settings.join();
    }
    try {
      LinkedHashSet<Endpoint> saved = new LinkedHashSet<>();
      for (KnownPeer p : dataDir.readPeers()) {
        saved.add(p.address());
      }
      if (!saved.isEmpty()) {
        log.info("{} rejoining through {} saved peers", shortId, saved.size());
      }
      return List.copyOf(saved);
    } catch (DataDirException e) {
      log.warn("{} ignoring the saved peers: {}", shortId, e.getMessage());
      return List.of();
    }
  }

  private void begin() {
    gossip.addListener(this::logEvent);
    if (!seeds.isEmpty()) {
      gossip
          .join(seeds)
          .whenComplete(
              (ok, error) -> {
                if (error == null) {
                  log.info("{} joined", shortId);
                }
              });
      dht.bootstrapFrom(seeds)
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  log.info("{} dht bootstrap: no seed answered ({})", shortId, error.toString());
                }
              });
    }
    saver.scheduleWithFixedDelay(
        this::savePeers,
        PEERS_SAVE_INTERVAL_MILLIS,
        PEERS_SAVE_INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /** Gossip's view feeds the DHT's routing table (runs on the node's loop). */
  static void feed(DhtService dht, MemberEvent event) {
    Member m = event.member();
    switch (event.type()) {
      case JOINED, ALIVE, UPDATED -> dht.onMemberAlive(Contact.of(m.key(), m.endpoint()));
      case DEAD, LEFT -> dht.onMemberDead(m.id());
      case SUSPECT -> {}
    }
  }

  private void logEvent(MemberEvent event) {
    Member m = event.member();
    if (event.type() != MemberEvent.Type.SUSPECT && savePending.compareAndSet(false, true)) {
      try {
        saver.schedule(
            () -> {
              savePending.set(false);
              savePeers();
            },
            PEERS_SAVE_DELAY_MILLIS,
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        savePending.set(false);
      }
    }
    log.info(
        "{} member {} {} at {} (incarnation {})",
        shortId,
        m.id().shortId(),
        event.type().name().toLowerCase(java.util.Locale.ROOT),
        m.endpoint(),
        m.incarnation());
  }

  /**
   * Writes the alive members other than this node to {@code peers.json}. Keeps the file as it is
   * when none is alive, so a node that outlived its peers still knows where to look.
   *
   * @return how many peers were written
   */
  public synchronized int savePeers() {
    List<KnownPeer> alive = new ArrayList<>();
    for (Member m : gossip.members()) {
      if (!m.id().equals(key.nodeId()) && m.state() == MemberState.ALIVE) {
        alive.add(new KnownPeer(m.id(), m.endpoint()));
      }
    }
    if (alive.isEmpty()) {
      return 0;
    }
    try {
      dataDir.writePeers(alive);
      log.debug("{} saved {} peers", shortId, alive.size());
    } catch (DataDirException e) {
      log.warn("{} cannot save peers: {}", shortId, e.getMessage());
    }
    return alive.size();
  }

  /** This node's id. */
  public NodeId id() {
    return key.nodeId();
  }

  /** Where the node listens for peers. */
  public Endpoint endpoint() {
    return node.endpoint();
  }

  /** Where the HTTP API listens, as host:port. */
  public Endpoint apiEndpoint() {
    return Endpoint.parse(api.endpointText());
  }

  /** The settings the daemon started with. */
  public DaemonSettings settings() {
    return settings;
  }

  /** The seeds the daemon joined through (from the settings or the saved peers). */
  public List<Endpoint> seeds() {
    return seeds;
  }

  /** The gossip service. */
  public GossipService gossip() {
    return gossip;
  }

  /** The DHT service. */
  public DhtService dht() {
    return dht;
  }

  /** The node. */
  public Node node() {
    return node;
  }

  /** The API's backend (what the HTTP API calls). */
  public io.skein.node.api.ApiBackend backend() {
    return backend;
  }

  /**
   * Saves the peers, leaves gracefully (waiting at most {@link #LEAVE_TIMEOUT_MILLIS}), then stops
   * the API, the node and the store. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    saver.shutdownNow();
    savePeers();
    backend.closing();
    try {
      gossip
          .leave(Duration.ofMillis(LEAVE_TIMEOUT_MILLIS))
          .get(LEAVE_TIMEOUT_MILLIS + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("{} leave failed: {}", shortId, e.toString());
    }
    api.close();
    node.close();
    store.close();
    log.info("{} stopped", shortId);
  }

  /** Abandons the daemon without leaving or saving peers (a crash, for tests). */
  public void kill() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    saver.shutdownNow();
    api.close();
    node.close();
    store.close();
  }

  static NodeConfig nodeConfig(DaemonSettings.Preset preset) {
    return switch (preset) {
      case LAN -> NodeConfig.lan();
      case WAN -> NodeConfig.wan();
      case LOCAL -> NodeConfig.local();
    };
  }

  static GossipConfig gossipConfig(DaemonSettings.Preset preset) {
    return switch (preset) {
      case LAN -> GossipConfig.lan();
      case WAN -> GossipConfig.wan();
      case LOCAL -> GossipConfig.local();
    };
  }

  static DhtConfig dhtConfig(DaemonSettings.Preset preset) {
    return switch (preset) {
      case LAN -> DhtConfig.lan();
      case WAN -> DhtConfig.wan();
      case LOCAL -> DhtConfig.local();
    };
  }

  @Override
  public String toString() {
    return "Daemon(" + shortId + " at " + node.endpoint() + ", api " + api.endpointText() + ")";
  }
}
