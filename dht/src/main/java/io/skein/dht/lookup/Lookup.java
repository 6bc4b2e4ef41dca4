package io.skein.dht.lookup;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.DhtLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An iterative Kademlia lookup towards a target (FIND_NODE or FIND_VALUE), sans I/O: the caller
 * asks {@link #nextRequests()} whom to query, sends the requests, and reports each answer with
 * {@link #onSuccess} and each failure or timeout with {@link #onFailure}; the lookup is done when
 * {@link #isFinished()} after a call to {@link #nextRequests()}.
 *
 * <p>With d > 1 paths it follows S/Kademlia: each path has its own candidate set and up to alpha
 * requests in flight; the seeds are dealt round-robin among the paths (every path gets all of them
 * when there are fewer than d), and a node is queried on at most one path. When a path reaches a
 * node another path queried, it takes that node's outcome without its answer, so contacts learned
 * on one path never steer another (rust-libp2p's {@code ClosestDisjointPeersIter}).
 *
 * <p>Hops: a seed is at depth 1, a contact first learned from a depth-h answer at depth h + 1;
 * {@link #hops()} is the depth of the closest node that answered.
 */
public final class Lookup {
  private enum Outcome {
    WAITING,
    SUCCEEDED,
    FAILED
  }

  private static final class Queried {
    final Contact contact;
    final int path;
    final int depth;
    Outcome outcome = Outcome.WAITING;
    List<Integer> waiters;

    Queried(Contact contact, int path, int depth) {
      this.contact = contact;
      this.path = path;
      this.depth = depth;
    }
  }

  private final NodeId self;
  private final NodeId target;
  private final Path[] paths;
  private final Map<NodeId, Queried> queried = new HashMap<>();
  private int nextPath;
  private int requests;
  private int responses;
  private int failures;

  /**
   * A lookup for {@code target} started from {@code seeds} (this node's {@code self} is never
   * queried), whose stalled final round asks any of the k closest at once.
   *
   * @param k results wanted: the lookup ends when the k closest known have answered or failed
   * @param alpha requests in flight per path
   * @param disjointPaths d, the number of disjoint paths (1 for a plain Kademlia lookup)
   */
  public Lookup(
      NodeId self, NodeId target, Collection<Contact> seeds, int k, int alpha, int disjointPaths) {
    this(self, target, seeds, k, alpha, Integer.MAX_VALUE, disjointPaths);
  }

  /**
   * A lookup like {@link #Lookup(NodeId, NodeId, Collection, int, int, int)} whose stalled final
   * round first asks only the {@code window} closest live candidates of a path, and widens to the k
   * closest once those all answered: a get asks the r replicas before anyone else.
   *
   * @param window closest live candidates a stalled path asks first (at least 1)
   */
  public Lookup(
      NodeId self,
      NodeId target,
      Collection<Contact> seeds,
      int k,
      int alpha,
      int window,
      int disjointPaths) {
    this(self, target, seeds, k, alpha, window, disjointPaths, alpha);
  }

  /**
   * A lookup like {@link #Lookup(NodeId, NodeId, Collection, int, int, int, int)} whose paths each
   * send their first {@code firstRound} requests at once before falling back to alpha in flight: a
   * get that needs a quorum of the replicas asks that many in its first round trip.
   *
   * @param firstRound requests each path sends at once when it starts (at least 1; below alpha
   *     means alpha)
   */
  public Lookup(
      NodeId self,
      NodeId target,
      Collection<Contact> seeds,
      int k,
      int alpha,
      int window,
      int disjointPaths,
      int firstRound) {
    if (k < 1
        || alpha < 1
        || firstRound < 1
        || window < 1
        || disjointPaths < 1
        || disjointPaths > DhtLimits.MAX_DISJOINT_PATHS) {
      throw new IllegalArgumentException("k, alpha, window and paths must be positive, paths <= 8");
    }
    this.self = self;
    this.target = target;
    this.paths = new Path[disjointPaths];
    for (int i = 0; i < disjointPaths; i++) {
      paths[i] =
          new Path(
              target,
              k,
              alpha,
              Math.max(alpha, firstRound),
              window,
              DhtLimits.MAX_LOOKUP_CANDIDATES,
              DhtLimits.MAX_LOOKUP_REQUESTS_PER_PATH);
    }
    List<Contact> usable = new ArrayList<>();
    for (Contact c : seeds) {
      if (!c.id().equals(self)) {
        usable.add(c);
      }
    }
    for (int i = 0; i < usable.size(); i++) {
      if (usable.size() < disjointPaths) {
        for (Path p : paths) {
          p.addSeed(usable.get(i));
        }
      } else {
        paths[i % disjointPaths].addSeed(usable.get(i));
      }
    }
  }

  /** The id this lookup gets close to. */
  public NodeId target() {
    return target;
  }

  /** Number of disjoint paths. */
  public int disjointPaths() {
    return paths.length;
  }

  /**
   * Every peer to query now, each already counted as in flight. Call again after every {@link
   * #onSuccess} or {@link #onFailure}; an empty list means "wait" or, with {@link #isFinished()},
   * "done".
   */
  public List<Contact> nextRequests() {
    List<Contact> out = new ArrayList<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int n = 0; n < paths.length; n++) {
        int p = nextPath;
        nextPath = (nextPath + 1) % paths.length;
        Contact c = nextFrom(p);
        if (c != null) {
          out.add(c);
          progress = true;
        }
      }
    }
    return out;
  }

  /** The next peer path {@code p} queries itself, settling peers other paths queried. */
  private Contact nextFrom(int p) {
    Path path = paths[p];
    while (true) {
      Path.Candidate c = path.next();
      if (c == null) {
        return null;
      }
      Queried q = queried.get(c.contact.id());
      if (q == null) {
        queried.put(c.contact.id(), new Queried(c.contact, p, c.depth));
        requests++;
        return c.contact;
      }
      switch (q.outcome) {
        case SUCCEEDED -> path.onSuccess(q.contact.id(), List.of());
        case FAILED -> path.onFailure(q.contact.id());
        case WAITING -> {
          if (q.waiters == null) {
            q.waiters = new ArrayList<>(2);
          }
          q.waiters.add(p);
        }
      }
    }
  }

  /**
   * {@code peer} answered with {@code closer} contacts; whether the lookup was waiting for it.
   * Contacts equal to this node are ignored.
   */
  public boolean onSuccess(NodeId peer, List<Contact> closer) {
    Queried q = queried.get(peer);
    if (q == null || q.outcome != Outcome.WAITING) {
      return false;
    }
    q.outcome = Outcome.SUCCEEDED;
    responses++;
    List<Contact> usable = new ArrayList<>(closer.size());
    for (Contact c : closer) {
      if (!c.id().equals(self)) {
        usable.add(c);
      }
    }
    paths[q.path].onSuccess(peer, usable);
    if (q.waiters != null) {
      for (int w : q.waiters) {
        paths[w].onSuccess(peer, List.of());
      }
    }
    return true;
  }

  /** The request to {@code peer} failed or timed out; whether the lookup was waiting for it. */
  public boolean onFailure(NodeId peer) {
    Queried q = queried.get(peer);
    if (q == null || q.outcome != Outcome.WAITING) {
      return false;
    }
    q.outcome = Outcome.FAILED;
    failures++;
    paths[q.path].onFailure(peer);
    if (q.waiters != null) {
      for (int w : q.waiters) {
        paths[w].onFailure(peer);
      }
    }
    return true;
  }

  /** Whether every path has finished (as of the last {@link #nextRequests()}). */
  public boolean isFinished() {
    for (Path p : paths) {
      if (!p.isFinished()) {
        return false;
      }
    }
    return true;
  }

  /** Whether path {@code path} has finished (as of the last {@link #nextRequests()}). */
  public boolean isPathFinished(int path) {
    return paths[path].isFinished();
  }

  /**
   * Ends path {@code path} now (its owner has what it needs): it asks nobody more, and answers to
   * its requests still waiting are recorded for the lookup but no longer steer the path.
   */
  public void finishPath(int path) {
    paths[path].finish();
  }

  /**
   * Up to {@code n} candidates of path {@code path} that have not failed (not yet asked, waiting or
   * answered), closest to the target first: the path's current view of the nodes nearest the
   * target.
   */
  public List<Contact> closestLive(int path, int n) {
    return paths[path].closestLive(n);
  }

  /** Requests sent and neither answered nor failed yet. */
  public int waiting() {
    return requests - responses - failures;
  }

  /** Whether the lookup is waiting for an answer from {@code peer}. */
  public boolean isWaitingFor(NodeId peer) {
    Queried q = queried.get(peer);
    return q != null && q.outcome == Outcome.WAITING;
  }

  /** Up to {@code n} peers that answered, closest to the target first, across all paths. */
  public List<Contact> closestSucceeded(int n) {
    return closest(n, false);
  }

  /**
   * Up to {@code n} peers that were queried and answered or failed, closest first: the nodes the
   * lookup found to exist near the target, dead or alive.
   */
  public List<Contact> closestContacted(int n) {
    return closest(n, true);
  }

  /**
   * Up to {@code n} peers closest to the target among those queried (answered, failed or still
   * waited for) and those the paths know but have not asked: the lookup's whole view of the
   * target's neighbourhood.
   */
  public List<Contact> closestKnown(int n) {
    Map<NodeId, Contact> known = new HashMap<>();
    for (Queried q : queried.values()) {
      known.put(q.contact.id(), q.contact);
    }
    for (Path p : paths) {
      for (Contact c : p.closestLive(n)) {
        known.putIfAbsent(c.id(), c);
      }
    }
    List<Contact> out = new ArrayList<>(known.values());
    out.sort((a, b) -> target.compareDistance(a.id(), b.id()));
    return out.size() > n ? new ArrayList<>(out.subList(0, n)) : out;
  }

  private List<Contact> closest(int n, boolean includeFailed) {
    List<Contact> out = new ArrayList<>();
    for (Queried q : queried.values()) {
      if (q.outcome == Outcome.SUCCEEDED || (includeFailed && q.outcome == Outcome.FAILED)) {
        out.add(q.contact);
      }
    }
    out.sort((a, b) -> target.compareDistance(a.id(), b.id()));
    return out.size() > n ? new ArrayList<>(out.subList(0, n)) : out;
  }

  /** Whether {@code peer} answered. */
  public boolean succeeded(NodeId peer) {
    Queried q = queried.get(peer);
    return q != null && q.outcome == Outcome.SUCCEEDED;
  }

  /** The path that queried {@code peer}, or -1 if no path did. */
  public int pathOf(NodeId peer) {
    Queried q = queried.get(peer);
    return q == null ? -1 : q.path;
  }

  /** The depth at which the closest answering node was found; 0 if none answered. */
  public int hops() {
    Queried best = null;
    for (Queried q : queried.values()) {
      if (q.outcome == Outcome.SUCCEEDED
          && (best == null || target.compareDistance(q.contact.id(), best.contact.id()) < 0)) {
        best = q;
      }
    }
    return best == null ? 0 : best.depth;
  }

  /** Requests sent. */
  public int requests() {
    return requests;
  }

  /** Answers received. */
  public int responses() {
    return responses;
  }

  /** Requests that failed or timed out. */
  public int failures() {
    return failures;
  }
}
