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
import java.util.List;
import java.util.Map;

/**
 * Reading a record, sans I/O. A FIND_VALUE {@link Lookup} for the key runs to the end (a mutable
 * record's newest version may be on any replica); every record received is validated before it is
 * believed, invalid ones are counted and treated as no answer. {@link #finish()} then picks the
 * newest valid record ({@link Record#isNewer}) and names the stale replicas to repair.
 *
 * <p>The replica set is the {@code min(r, n + 1)} closest to the key among this node and the n
 * peers the lookup queried. {@code agreeing} counts the set's members that answered with the newest
 * version (or, when no record was found, that answered at all): the level is reached when {@code
 * agreeing >= level.required(replicas)}. Members that answered with an older version, nothing or an
 * invalid record are stale and get the newest one stored back.
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

  /** What {@link #finish()} decided should be repaired. */
  public record Repair(List<Contact> stalePeers, boolean repairLocally) {}

  /**
   * Ends the get (after the lookup finished): computes agreement and returns the stale replicas to
   * store {@link #record()} on. Nothing is repaired when no record was found.
   */
  public Repair finish() {
    finished = true;
    NodeId target = key.id();
    List<Contact> contacted = lookup.closestContacted(Integer.MAX_VALUE);
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
      } else {
        stale.add(c);
      }
    }
    boolean repairLocally =
        selfInSet && newest != null && (local == null || !sameVersion(local.record(), newest));
    if (newest == null || newestTtlMillis <= 0) {
      return new Repair(List.of(), false);
    }
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
