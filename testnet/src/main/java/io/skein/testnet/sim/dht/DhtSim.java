package io.skein.testnet.sim.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.dht.Contact;
import io.skein.dht.Dht;
import io.skein.dht.DhtConfig;
import io.skein.dht.DhtResult;
import io.skein.dht.Outbound;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.record.InMemoryRecordStore;
import io.skein.testnet.sim.SimNode;
import io.skein.testnet.sim.SimOutbox;
import io.skein.testnet.sim.SimProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One simulated DHT node: a {@link SimProcess} around a {@link Dht} core and its in-memory store.
 *
 * <p>Contacts map to simulator endpoints one to one: a message from endpoint {@code e} signed by
 * key {@code p} comes from {@code Contact.of(p, e)} (the simulator authenticates the sender as the
 * real transport's signed frames do), and a message to a contact goes to its endpoint with its key
 * as the expected key, so a node restarted with a fresh identity does not receive messages meant
 * for the old one. Messages travel as objects, never serialized.
 *
 * <p>Completed user operations are handed to a {@link ResultSink} (they outlive the process when it
 * crashes) and recorded as simulator events, so they enter the trace hash. A node may be given a
 * {@link MaliciousDht} behaviour, which sees every request before the core does.
 */
public final class DhtSim implements SimProcess<DhtMessage> {
  /** Receives every completed user operation of every node. */
  @FunctionalInterface
  public interface ResultSink {
    /** Node {@code node} (in incarnation {@code incarnation}) completed {@code result}. */
    void onResult(int node, int incarnation, DhtResult result);
  }

  private final SimNode node;
  private final Dht dht;
  private final InMemoryRecordStore store;
  private final ResultSink sink;
  private final List<Outbound> extra = new ArrayList<>();
  private MaliciousDht malice;
  private long nowNanos;

  /**
   * A node built from the simulator's {@code node} (identity, endpoint, random stream, time) with
   * settings {@code config}, reporting results to {@code sink}.
   */
  public DhtSim(SimNode node, DhtConfig config, ResultSink sink) {
    this.node = Objects.requireNonNull(node, "node");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.store = new InMemoryRecordStore(config.maxRecordsPerNode(), config.maxStoredBytes());
    this.nowNanos = node.nowNanos();
    this.dht =
        new Dht(
            config,
            node.signer(),
            node.verifier(),
            node.endpoint(),
            store,
            node.random(),
            node.nowNanos());
  }

  /** The core (call it only inside {@code Simulator.command} so its output is sent). */
  public Dht dht() {
    return dht;
  }

  /** The records this node holds for the network. */
  public InMemoryRecordStore store() {
    return store;
  }

  /** This node as a contact. */
  public Contact contact() {
    return dht.self();
  }

  /** The simulator's description of this node. */
  public SimNode node() {
    return node;
  }

  /** The hostile behaviour of this node, or {@code null} when it is honest. */
  public MaliciousDht malice() {
    return malice;
  }

  /** Makes this node behave as {@code malice} from now on ({@code null}: honest again). */
  public void malice(MaliciousDht malice) {
    this.malice = malice;
  }

  /** The time of the last message or tick (what a malicious behaviour reads the store at). */
  long nowNanos() {
    return nowNanos;
  }

  /**
   * Sends {@code message} to {@code to} outside the core's protocol (a malicious node pushing a
   * forged STORE, say); a reply to it reaches the core, which drops it as unmatched.
   */
  public void sendRaw(Contact to, DhtMessage message) {
    extra.add(new Outbound(to, message));
  }

  @Override
  public void onMessage(long nowNanos, Endpoint from, PublicKey fromKey, DhtMessage message) {
    this.nowNanos = nowNanos;
    Contact sender = Contact.of(fromKey, from);
    if (malice != null && message.isRequest() && malice.intercept(this, sender, message, extra)) {
      return;
    }
    dht.onMessage(nowNanos, sender, message);
  }

  @Override
  public void onTick(long nowNanos) {
    this.nowNanos = nowNanos;
    dht.onTick(nowNanos);
  }

  @Override
  public long nextDeadlineNanos() {
    return dht.nextDeadlineNanos();
  }

  @Override
  public void drain(SimOutbox<DhtMessage> outbox) {
    for (Outbound o : dht.drainOutbox()) {
      outbox.send(o.to().endpoint(), o.to().publicKey(), o.message());
    }
    for (Outbound o : extra) {
      outbox.send(o.to().endpoint(), o.to().publicKey(), o.message());
    }
    extra.clear();
    for (DhtResult r : dht.drainResults()) {
      outbox.event(r, DhtFingerprints.of(r));
      sink.onResult(node.index(), node.incarnation(), r);
    }
  }

  @Override
  public String toString() {
    return "DhtSim(node "
        + node.index()
        + ", "
        + dht.self()
        + (malice == null ? "" : ", " + malice)
        + ")";
  }
}
