package io.skein.testnet.sim.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import io.skein.dht.Contact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the malicious nodes of one simulation share: the list of colluders (real, answering nodes
 * that all lie the same way) and a pool of fake identities (keys no node holds, at addresses no
 * node has), both searchable by closeness to a target. An adversary with global knowledge of its
 * own members, the strongest kind a lookup must survive.
 *
 * <p>"Close to a target" is answered from a window of {@link #WINDOW_PER_RESULT} entries per result
 * around the target's position in id order, sorted by XOR distance: ids sharing a long prefix with
 * the target sit next to it in that order, so the answer is close to, though not always exactly,
 * the nearest. A fake pool larger than the network gives fake ids nearer to any target than any
 * real node, the most damaging place for them.
 */
public final class Collusion {
  /** Candidates examined per result wanted when searching near a target. */
  static final int WINDOW_PER_RESULT = 3;

  private final List<Contact> members = new ArrayList<>();
  private Contact[] membersById = new Contact[0];
  private boolean membersDirty;
  private final Contact[] fakesById;

  private Collusion(Contact[] fakesById) {
    this.fakesById = fakesById;
  }

  /**
   * A collusion with no members yet and {@code fakeIdentities} fake identities drawn from {@code
   * random}, each at an address in 192.0.2.0/24 (TEST-NET-1) that no simulated node has, so a
   * request to one is dropped unanswered and times out.
   */
  public static Collusion create(RandomGenerator random, int fakeIdentities) {
    if (fakeIdentities < 0) {
      throw new IllegalArgumentException("fakeIdentities < 0: " + fakeIdentities);
    }
    Contact[] fakes = new Contact[fakeIdentities];
    byte[] key = new byte[32];
    for (int i = 0; i < fakeIdentities; i++) {
      random.nextBytes(key);
      Endpoint nowhere = new Endpoint("192.0.2." + (i & 0xff), 20_000 + (i >>> 8));
      fakes[i] = Contact.of(PublicKey.of(key), nowhere);
    }
    Arrays.sort(fakes, BY_ID);
    return new Collusion(fakes);
  }

  private static final Comparator<Contact> BY_ID = (a, b) -> a.id().compareTo(b.id());

  /** Adds a colluding node. */
  public void addMember(Contact member) {
    members.add(member);
    membersDirty = true;
  }

  /** Removes a colluding node (it crashed or changed its key); whether it was a member. */
  public boolean removeMember(NodeId id) {
    boolean removed = members.removeIf(c -> c.id().equals(id));
    membersDirty |= removed;
    return removed;
  }

  /** Number of colluding nodes. */
  public int memberCount() {
    return members.size();
  }

  /** Number of fake identities. */
  public int fakeCount() {
    return fakesById.length;
  }

  /** Up to {@code n} colluders close to {@code target}, closest first, never {@code exclude}. */
  public List<Contact> membersNear(NodeId target, int n, NodeId exclude) {
    if (membersDirty) {
      membersById = members.toArray(new Contact[0]);
      Arrays.sort(membersById, BY_ID);
      membersDirty = false;
    }
    return near(membersById, target, n, exclude);
  }

  /** Up to {@code n} fake identities close to {@code target}, closest first. */
  public List<Contact> fakesNear(NodeId target, int n) {
    return near(fakesById, target, n, null);
  }

  private static List<Contact> near(Contact[] byId, NodeId target, int n, NodeId exclude) {
    int pos = insertionPoint(byId, target);
    int half = WINDOW_PER_RESULT * n / 2 + 1;
    int from = Math.max(0, pos - half);
    int to = Math.min(byId.length, pos + half);
    List<Contact> window = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      if (exclude == null || !byId[i].id().equals(exclude)) {
        window.add(byId[i]);
      }
    }
    window.sort((a, b) -> target.compareDistance(a.id(), b.id()));
    return window.size() > n ? new ArrayList<>(window.subList(0, n)) : window;
  }

  private static int insertionPoint(Contact[] byId, NodeId target) {
    int lo = 0;
    int hi = byId.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byId[mid].id().compareTo(target) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
