package io.skein.testnet.sim.dht;

import io.skein.crypto.NodeId;
import io.skein.crypto.Signer;
import io.skein.dht.Contact;
import io.skein.dht.Outbound;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.msg.FindNode;
import io.skein.dht.msg.FindValue;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.Store;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A hostile DHT node's behaviours, applied by {@link DhtSim} to every request before its honest
 * core sees it. The node stays a live gossip member (the membership layer cannot tell), keeps its
 * own routing table and runs its own maintenance; only its answers lie. Behaviours combine:
 *
 * <ul>
 *   <li>{@link Behaviour#DROP_REQUESTS}: answers nothing (requests to it time out);
 *   <li>{@link Behaviour#STALE_RECORDS}: keeps the first version of each record it is sent and
 *       acknowledges newer ones without storing them, so it answers FIND_VALUE with a stale,
 *       validly signed record;
 *   <li>{@link Behaviour#FORGED_RECORDS}: answers FIND_VALUE with a forged record: a higher seq of
 *       the mutable record it holds with a signature it could not make, or, for an immutable or
 *       unknown key, a value that does not hash to the key;
 *   <li>{@link Behaviour#FAKE_CONTACTS}: answers FIND_NODE and FIND_VALUE with fake identities
 *       whose ids are nearer the target than any real node, at addresses nobody listens on, and
 *       never with a record;
 *   <li>{@link Behaviour#COLLUDING_CONTACTS}: answers FIND_NODE and FIND_VALUE with the colluding
 *       nodes nearest the target (which answer the same way), never with a record: an eclipse
 *       attempt;
 *   <li>{@link Behaviour#ACK_WITHOUT_STORING}: acknowledges every STORE and stores nothing;
 *   <li>{@link Behaviour#REFUSE_TO_STORE}: refuses every STORE as if full ({@code STORE_FULL}).
 * </ul>
 *
 * Not thread-safe, like everything in a simulation.
 */
public final class MaliciousDht {
  /** One way of lying. */
  public enum Behaviour {
    /** Drop every request unanswered. */
    DROP_REQUESTS,
    /** Keep first versions, acknowledge and ignore updates, serve the stale version. */
    STALE_RECORDS,
    /** Answer FIND_VALUE with a forged record. */
    FORGED_RECORDS,
    /** Answer lookups with unreachable fake contacts near the target. */
    FAKE_CONTACTS,
    /** Answer lookups with colluding nodes near the target. */
    COLLUDING_CONTACTS,
    /** Acknowledge STOREs without storing. */
    ACK_WITHOUT_STORING,
    /** Refuse every STORE. */
    REFUSE_TO_STORE
  }

  private static final byte[] FORGED_VALUE = "forged".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FORGED_SIGNATURE = filled(Signer.SIGNATURE_BYTES, 0x5a);

  private final Set<Behaviour> behaviours;
  private final Collusion collusion;
  private long tampered;

  private MaliciousDht(Set<Behaviour> behaviours, Collusion collusion) {
    this.behaviours = Collections.unmodifiableSet(EnumSet.copyOf(behaviours));
    this.collusion = collusion;
    if ((has(Behaviour.FAKE_CONTACTS) || has(Behaviour.COLLUDING_CONTACTS)) && collusion == null) {
      throw new IllegalArgumentException("contact lies need a Collusion");
    }
  }

  /**
   * A behaviour doing all of {@code behaviours}; {@code collusion} (shared by the malicious nodes)
   * may be null unless they include {@code FAKE_CONTACTS} or {@code COLLUDING_CONTACTS}.
   */
  public static MaliciousDht of(Collusion collusion, Set<Behaviour> behaviours) {
    Objects.requireNonNull(behaviours, "behaviours");
    if (behaviours.isEmpty()) {
      throw new IllegalArgumentException("no behaviour: use an honest node");
    }
    return new MaliciousDht(behaviours, collusion);
  }

  /** {@link #of(Collusion, Set)} for a few behaviours. */
  public static MaliciousDht of(Collusion collusion, Behaviour first, Behaviour... more) {
    return of(collusion, EnumSet.of(first, more));
  }

  /** The behaviours. */
  public Set<Behaviour> behaviours() {
    return behaviours;
  }

  /** Whether this node behaves as {@code behaviour}. */
  public boolean has(Behaviour behaviour) {
    return behaviours.contains(behaviour);
  }

  /** Requests answered with a lie or dropped by every node that shares this instance. */
  public long tampered() {
    return tampered;
  }

  /**
   * Handles {@code request} from {@code from} at {@code self} if a behaviour applies, queuing any
   * reply in {@code replies}; returns false to let the honest core answer.
   */
  boolean intercept(DhtSim self, Contact from, DhtMessage request, List<Outbound> replies) {
    if (has(Behaviour.DROP_REQUESTS)) {
      tampered++;
      return true;
    }
    DhtMessage reply;
    if (request instanceof FindNode f) {
      List<Contact> lies = lyingContacts(f.target(), from.id(), self);
      reply = lies == null ? null : new Nodes(f.rpcId(), lies);
    } else if (request instanceof FindValue f) {
      reply = answerFindValue(self, from, f);
    } else {
      reply = answerStore(self, (Store) request);
    }
    if (reply == null) {
      return false;
    }
    tampered++;
    replies.add(new Outbound(from, reply));
    return true;
  }

  private DhtMessage answerFindValue(DhtSim self, Contact from, FindValue f) {
    List<Contact> lies = lyingContacts(f.key(), from.id(), self);
    if (has(Behaviour.FORGED_RECORDS)) {
      List<Contact> closer = lies != null ? lies : honestClosest(self, f.key(), from.id());
      return new Value(f.rpcId(), forge(self, f.key()), 60_000, closer);
    }
    return lies == null ? null : new Value(f.rpcId(), null, 0, lies);
  }

  private DhtMessage answerStore(DhtSim self, Store s) {
    if (has(Behaviour.REFUSE_TO_STORE)) {
      return new StoreAck(s.rpcId(), RejectReason.STORE_FULL);
    }
    if (has(Behaviour.ACK_WITHOUT_STORING)) {
      return StoreAck.stored(s.rpcId());
    }
    if (has(Behaviour.STALE_RECORDS)) {
      long nowMillis = Math.floorDiv(self.nowNanos(), 1_000_000L);
      StoredRecord held = self.store().get(s.record().key(), nowMillis);
      if (held != null && !held.record().equals(s.record())) {
        return StoreAck.stored(s.rpcId()); // keeps the old version, claims the new one
      }
    }
    return null;
  }

  /** The contacts to lie with, or null when no contact behaviour applies. */
  private List<Contact> lyingContacts(NodeId target, NodeId requester, DhtSim self) {
    int k = self.dht().config().k();
    if (has(Behaviour.COLLUDING_CONTACTS)) {
      List<Contact> out = new ArrayList<>(k);
      for (Contact c : collusion.membersNear(target, k + 1, self.contact().id())) {
        if (!c.id().equals(requester) && out.size() < k) {
          out.add(c);
        }
      }
      return out;
    }
    if (has(Behaviour.FAKE_CONTACTS)) {
      return collusion.fakesNear(target, k);
    }
    return null;
  }

  private static List<Contact> honestClosest(DhtSim self, NodeId target, NodeId requester) {
    int k = self.dht().config().k();
    List<Contact> out = new ArrayList<>(k);
    for (Contact c : self.dht().routingTable().closest(target, k + 1)) {
      if (!c.id().equals(requester) && out.size() < k) {
        out.add(c);
      }
    }
    return out;
  }

  /** A record at {@code key} that must fail validation. */
  private static Record forge(DhtSim self, NodeId key) {
    long nowMillis = Math.floorDiv(self.nowNanos(), 1_000_000L);
    StoredRecord held = self.store().get(new RecordKey(key), nowMillis);
    if (held != null && held.record() instanceof MutableRecord m) {
      return MutableRecord.of(
          m.publicKey(), m.salt(), m.seq() + 1_000, FORGED_VALUE, FORGED_SIGNATURE);
    }
    return ImmutableRecord.of(FORGED_VALUE); // its hash is not the key asked for
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Override
  public String toString() {
    return "MaliciousDht" + behaviours;
  }
}
