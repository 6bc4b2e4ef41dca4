package io.skein.dht.lookup;

import io.skein.crypto.NodeId;
import io.skein.dht.Consistency;
import io.skein.dht.Contact;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordValidator;
import io.skein.dht.record.StoredRecord;
import io.skein.dht.record.ValidationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading a record, sans I/O. A FIND_VALUE {@link Lookup} for the key runs until the level is met
 * or to its end; every record received is validated before it is believed, invalid ones are counted
 * and treated as no answer. {@link #finish()} then picks the newest valid record ({@link
 * Record#isNewer}) and names the stale replicas to repair.
 *
 * <p>Ending early ({@link #finishSatisfiedPaths()}): a path ends as soon as {@code
 * level.required(r)} of the r closest nodes it knows that have not failed (this node included) hold
 * the newest valid record seen so far. Those r are the nodes a put of the key stores on (its lookup
 * ends on the same r closest, and a replica that failed is replaced by the next closest live node),
 * so a put acknowledged by {@code w} of them and a get that heard {@code g} of them agree share a
 * replica whenever {@code w + g > r}: QUORUM with QUORUM ({@code 2(r/2 + 1) > r}), ONE with ALL and
 * ALL with ONE. A newer record from that shared replica would have become the newest and broken the
 * agreement, so the answer is at least as new as any put acknowledged at such a level. Until the
 * path knows r nodes, and while no record was found, it runs to its end (a key with no record is
 * only "not found" after a full lookup). With d disjoint paths each path decides for itself and the
 * get waits for all of them, so one path of colluders agreeing on a replayed old record cannot end
 * an honest path: its newer record still wins.
 *
 * <p>The replica set is the {@code min(r, n + 1)} closest to the key among this node and the n
 * peers the lookup knows ({@link Lookup#closestKnown}: at its normal end the ones it asked come
 * first; after an early end the set may hold replicas still waited for or not asked, which neither
 * agree nor count as stale until they answer). {@code agreeing} counts the set's members that
 * answered with the newest version (or, when no record was found, that answered at all): the level
 * is reached when {@code agreeing >= level.required(replicas)}. Members that answered with an older
 * version, nothing or an invalid record are stale and get the newest one stored back. A member that
 * failed keeps its place in this set, as in a {@link Put}, so a network that lost replicas reports
 * the level missed even when the get ended early on the live ones.
 */
public final class Get {
  private static final Object NO_RECORD = new Object();

  private final NodeId self;
  private final RecordKey key;
  private final Consistency level;
  private final int r;
  private final Lookup lookup;
  private final RecordValidator validator;
  private final StoredRecord local;
  private final Map<NodeId, Object> answers = new HashMap<>();
  private final List<Record> verified = new ArrayList<>();
  private final Set<NodeId> repaired = new HashSet<>();
  private boolean repairedLocally;
  private Record newest;
  private long newestTtlMillis;
  private int invalidRecords;
  private int replicas;
  private int agreeing;
  private boolean finished;

  /**
   * A get of {@code key} at {@code level} over {@code r} replicas, finding peers with {@code
   * lookup}; {@code local} is this node's own unexpired copy (or {@code null}) with {@code
   * nowMillis} the store clock's time.
   */
  public Get(
      NodeId self,
      RecordKey key,
      Consistency level,
      int r,
      Lookup lookup,
      RecordValidator validator,
      StoredRecord local,
      long nowMillis) {
    this.self = self;
    this.key = key;
    this.level = level;
    this.r = r;
    this.lookup = lookup;
    this.validator = validator;
    this.local = local;
    if (local != null && validator.validate(key, local.record()).valid()) {
      consider(local.record(), local.remainingTtlMillis(nowMillis));
      verified.add(local.record());
    }
  }

  /** The key being read. */
  public RecordKey key() {
    return key;
  }

  /** The consistency level. */
  public Consistency level() {
    return level;
  }

  /** The lookup that finds the replicas. */
  public Lookup lookup() {
    return lookup;
  }

  /**
   * {@code peer}'s FIND_VALUE answer carried {@code record} ({@code null} for none) which it keeps
   * {@code remainingTtlMillis} longer. Returns the validation result (valid for no record).
   */
  public ValidationResult onValue(NodeId peer, Record record, long remainingTtlMillis) {
    if (record == null) {
      answers.put(peer, NO_RECORD);
      return ValidationResult.VALID;
    }
    ValidationResult v = verified.contains(record) ? ValidationResult.VALID : validate(record);
    if (!v.valid()) {
      invalidRecords++;
      answers.put(peer, NO_RECORD);
      return v;
    }
    answers.put(peer, record);
    consider(record, remainingTtlMillis);
    return v;
  }

  private ValidationResult validate(Record record) {
    ValidationResult v = validator.validate(key, record);
    if (v.valid()) {
      verified.add(record);
    }
    return v;
  }

  private void consider(Record record, long remainingTtlMillis) {
    if (newest == null || Record.isNewer(record, newest)) {
      newest = record;
      newestTtlMillis = remainingTtlMillis;
    } else if (sameVersion(record, newest)) {
      newestTtlMillis = Math.max(newestTtlMillis, remainingTtlMillis);
    }
  }

  /**
   * Ends each unfinished path of the lookup whose r closest known nodes already meet the level (see
   * the class comment); returns whether the whole lookup is now finished.
   */
  public boolean finishSatisfiedPaths() {
    if (newest == null) {
      return false;
    }
    int required = level.required(r);
    for (int p = 0; p < lookup.disjointPaths(); p++) {
      if (!lookup.isPathFinished(p) && agreeingAmongClosest(p) >= required) {
        lookup.finishPath(p);
      }
    }
    return lookup.isFinished();
  }

  /**
   * Members of the r closest live nodes path {@code p} knows (this node included) that hold the
   * newest record; 0 while the path knows fewer than r.
   */
  private int agreeingAmongClosest(int p) {
    NodeId target = key.id();
    List<Contact> closest = lookup.closestLive(p, r);
    boolean selfPlaced = false;
    int members = 0;
    int agree = 0;
    for (Contact c : closest) {
      if (members < r && !selfPlaced && target.compareDistance(self, c.id()) < 0) {
        selfPlaced = true;
        members++;
        agree += local != null && sameVersion(local.record(), newest) ? 1 : 0;
      }
      if (members < r) {
        members++;
        Object answer = answers.get(c.id());
        agree +=
            answer != null && answer != NO_RECORD && sameVersion((Record) answer, newest) ? 1 : 0;
      }
    }
    if (members < r && !selfPlaced) {
      members++;
      agree += local != null && sameVersion(local.record(), newest) ? 1 : 0;
    }
    return members < r ? 0 : agree;
  }

  /** What {@link #finish()} decided should be repaired. */
  public record Repair(List<Contact> stalePeers, boolean repairLocally) {}

  /**
   * Ends the get (once the lookup finished): computes agreement and returns the stale replicas to
   * store {@link #record()} on. Nothing is repaired when no record was found. May be called again
   * after more answers came in (a get answers before its last requests returned): agreement is
   * recomputed, and only replicas not named by an earlier call are returned.
   */
  public Repair finish() {
    finished = true;
    NodeId target = key.id();
    List<Contact> contacted = lookup.closestKnown(r);
    replicas = Math.min(r, contacted.size() + 1);
    int selfRank = 0;
    while (selfRank < contacted.size()
        && target.compareDistance(contacted.get(selfRank).id(), self) < 0) {
      selfRank++;
    }
    boolean selfInSet = selfRank < replicas;
    int peersInSet = replicas - (selfInSet ? 1 : 0);
    List<Contact> stale = new ArrayList<>();
    agreeing = 0;
    if (selfInSet) {
      Record mine = local == null ? null : local.record();
      if (newest == null || sameVersion(mine, newest)) {
        agreeing++;
      }
    }
    for (int i = 0; i < peersInSet; i++) {
      Contact c = contacted.get(i);
      Object answer = answers.get(c.id());
      if (answer == null) {
        continue; // failed, or answered without a FIND_VALUE reply
      }
      Record theirs = answer == NO_RECORD ? null : (Record) answer;
      if (newest == null || sameVersion(theirs, newest)) {
        agreeing++;
      } else if (!repaired.contains(c.id())) {
        stale.add(c);
      }
    }
    boolean repairLocally =
        selfInSet
            && !repairedLocally
            && newest != null
            && (local == null || !sameVersion(local.record(), newest));
    if (newest == null || newestTtlMillis <= 0) {
      return new Repair(List.of(), false);
    }
    for (Contact c : stale) {
      repaired.add(c.id());
    }
    repairedLocally |= repairLocally;
    return new Repair(stale, repairLocally);
  }

  private static boolean sameVersion(Record a, Record b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof MutableRecord ma && b instanceof MutableRecord mb) {
      return ma.seq() == mb.seq() && ma.sameValue(mb);
    }
    return a.equals(b);
  }

  /** The newest valid record found, or {@code null}. */
  public Record record() {
    return newest;
  }

  /** The longest remaining lifetime reported for the newest record, in milliseconds. */
  public long newestTtlMillis() {
    return newestTtlMillis;
  }

  /** Records that failed validation. */
  public int invalidRecords() {
    return invalidRecords;
  }

  /** Size of the replica set (after {@link #finish()}). */
  public int replicas() {
    return replicas;
  }

  /** Replicas that agreed with the answer (after {@link #finish()}). */
  public int agreeing() {
    return agreeing;
  }

  /** Agreeing replicas the level needs (after {@link #finish()}). */
  public int required() {
    return level.required(replicas);
  }

  /** Whether enough replicas agreed (after {@link #finish()}). */
  public boolean levelReached() {
    return finished && agreeing >= required();
  }
}
