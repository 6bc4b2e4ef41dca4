package io.skein.dht.lookup;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One iterative lookup path: the candidates it knows ordered by XOR distance to the target, each
 * not contacted, waiting, succeeded or failed. It asks the closest uncontacted candidate while
 * fewer than alpha requests are waiting, and is finished once its k closest known candidates have
 * all answered or failed (rust-libp2p's {@code ClosestPeersIter}), or when its owner ends it early
 * ({@link #finish()}). When alpha answers in a row bring nothing closer, the path is stalled and
 * may have up to k requests waiting, as the Kademlia paper's final round asks all k closest not yet
 * asked. A stalled path first asks only within its {@code window} closest live candidates (a get
 * asks the r closest, where the replicas are, before it widens to k); once those all answered it
 * asks any candidate.
 */
final class Path {
  enum State {
    NOT_CONTACTED,
    WAITING,
    SUCCEEDED,
    FAILED
  }

  static final class Candidate {
    final Contact contact;
    final int depth;
    State state = State.NOT_CONTACTED;

    Candidate(Contact contact, int depth) {
      this.contact = contact;
      this.depth = depth;
    }
  }

  private final int k;
  private final int alpha;
  private final int firstRound;
  private final int window;
  private final int maxCandidates;
  private final int maxRequests;
  private final TreeMap<NodeId, Candidate> candidates;
  private int waiting;
  private int requests;
  private int noProgress;
  private boolean stalled;
  private boolean finished;

  Path(
      NodeId target,
      int k,
      int alpha,
      int firstRound,
      int window,
      int maxCandidates,
      int maxRequests) {
    this.k = k;
    this.alpha = alpha;
    this.firstRound = firstRound;
    this.window = window;
    this.maxCandidates = Math.max(maxCandidates, k);
    this.maxRequests = maxRequests;
    this.candidates = new TreeMap<>(target::compareDistance);
  }

  void addSeed(Contact contact) {
    candidates.putIfAbsent(contact.id(), new Candidate(contact, 1));
    trim();
  }

  Candidate get(NodeId id) {
    return candidates.get(id);
  }

  boolean isFinished() {
    return finished;
  }

  /** Ends the path now: it asks nobody more and ignores answers to requests still waiting. */
  void finish() {
    finished = true;
  }

  /**
   * Up to {@code n} candidates that have not failed (not contacted, waiting or answered), closest
   * to the target first.
   */
  List<Contact> closestLive(int n) {
    List<Contact> out = new ArrayList<>(Math.min(n, candidates.size()));
    for (Candidate c : candidates.values()) {
      if (out.size() >= n) {
        break;
      }
      if (c.state != State.FAILED) {
        out.add(c.contact);
      }
    }
    return out;
  }

  /** The next candidate to ask (now marked waiting), or {@code null} if none may be asked now. */
  Candidate next() {
    if (finished) {
      return null;
    }
    // the first round may be wider than alpha (a get asks a quorum at once); later ones are alpha
    int capacity = stalled ? Math.max(k, alpha) : requests < firstRound ? firstRound : alpha;
    boolean counting = true;
    boolean windowAnswered = false;
    int succeeded = 0;
    int rank = 0;
    for (Candidate c : candidates.values()) {
      switch (c.state) {
        case WAITING -> {
          if (waiting >= capacity) {
            return null;
          }
          counting = false;
          rank++;
        }
        case SUCCEEDED -> {
          if (counting && ++succeeded >= k) {
            finished = true;
            return null;
          }
          windowAnswered |= counting && succeeded >= window;
          rank++;
        }
        case NOT_CONTACTED -> {
          if (waiting >= capacity) {
            return null;
          }
          if (stalled && rank >= window && !windowAnswered && waiting > 0) {
            return null; // the window's own requests are still waiting
          }
          rank++;
          if (requests >= maxRequests) {
            break;
          }
          c.state = State.WAITING;
          waiting++;
          requests++;
          return c;
        }
        case FAILED -> {
          // skipped
        }
      }
    }
    if (waiting == 0) {
      finished = true;
    }
    return null;
  }

  /** {@code id} answered with {@code closer}; whether this path was waiting for it. */
  boolean onSuccess(NodeId id, List<Contact> closer) {
    Candidate c = candidates.get(id);
    if (finished || c == null || c.state != State.WAITING) {
      return false;
    }
    c.state = State.SUCCEEDED;
    waiting--;
    boolean progress = candidates.size() < k;
    for (Contact n : closer) {
      if (!candidates.containsKey(n.id())) {
        candidates.put(n.id(), new Candidate(n, c.depth + 1));
        progress |= candidates.firstKey().equals(n.id());
      }
    }
    trim();
    if (progress) {
      noProgress = 0;
      stalled = false;
    } else if (++noProgress >= alpha) {
      stalled = true;
    }
    return true;
  }

  /** The request to {@code id} failed; whether this path was waiting for it. */
  boolean onFailure(NodeId id) {
    Candidate c = candidates.get(id);
    if (finished || c == null || c.state != State.WAITING) {
      return false;
    }
    c.state = State.FAILED;
    waiting--;
    return true;
  }

  /** Drops the farthest uncontacted candidates beyond {@code maxCandidates}. */
  private void trim() {
    if (candidates.size() <= maxCandidates) {
      return;
    }
    Iterator<Map.Entry<NodeId, Candidate>> it = candidates.descendingMap().entrySet().iterator();
    while (candidates.size() > maxCandidates && it.hasNext()) {
      if (it.next().getValue().state == State.NOT_CONTACTED) {
        it.remove();
      }
    }
  }
}
