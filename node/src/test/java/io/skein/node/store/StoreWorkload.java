package io.skein.node.store;

import static io.skein.dht.record.MutableRecord.NO_CAS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.KeyPair;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordStore;
import io.skein.dht.record.StoreOutcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A seeded random mix of puts (with and without CAS), gets, removes, expiry sweeps and scans over a
 * few keys, applied to a reference store and a store under test, asserting equal answers.
 */
final class StoreWorkload {
  private final Random random;
  private final List<Record> records = new ArrayList<>();
  private final List<RecordKey> keys;
  private final Set<String> outcomesSeen = new TreeSet<>();

  StoreWorkload(Random random) {
    this.random = random;
    byte[][] salts = {new byte[0], TestRecords.bytes("s")};
    for (int o = 1; o <= 2; o++) {
      KeyPair owner = TestRecords.owner(o);
      for (byte[] salt : salts) {
        for (long seq = 0; seq < 5; seq++) {
          records.add(MutableRecord.sign(owner, salt, seq, TestRecords.bytes("a")));
          records.add(MutableRecord.sign(owner, salt, seq, TestRecords.bytes("bb")));
        }
        // The immutable record whose value is publicKey || salt sits at the mutable key.
        byte[] pk = owner.publicKey().bytes();
        byte[] squat = new byte[pk.length + salt.length];
        System.arraycopy(pk, 0, squat, 0, pk.length);
        System.arraycopy(salt, 0, squat, pk.length, salt.length);
        records.add(ImmutableRecord.of(squat));
      }
    }
    for (int i = 0; i < 8; i++) {
      records.add(ImmutableRecord.of(TestRecords.bytes("i" + "x".repeat(2 * i))));
    }
    Set<RecordKey> distinct = new LinkedHashSet<>();
    records.forEach(r -> distinct.add(r.key()));
    distinct.add(ImmutableRecord.of(TestRecords.bytes("never stored")).key());
    keys = new ArrayList<>(distinct);
  }

  /** Milliseconds to advance the clock before the next operation. */
  long nextStep() {
    return random.nextInt(40);
  }

  /** The statuses and reject reasons the puts have produced so far. */
  Set<String> outcomesSeen() {
    return outcomesSeen;
  }

  /** Applies one random operation at {@code nowMillis} to both stores and compares the answers. */
  void applyToBoth(RecordStore reference, RecordStore tested, long nowMillis) {
    int op = random.nextInt(100);
    RecordKey key = keys.get(random.nextInt(keys.size()));
    if (op < 60) {
      Record r = records.get(random.nextInt(records.size()));
      long cas = random.nextInt(4) == 0 ? random.nextInt(5) : NO_CAS;
      long ttl = 1 + random.nextInt(600);
      StoreOutcome expected = reference.put(r, cas, ttl, nowMillis);
      assertThat(tested.put(r, cas, ttl, nowMillis))
          .as("put %s cas %d", r, cas)
          .isEqualTo(expected);
      outcomesSeen.add(expected.accepted() ? expected.status().name() : expected.reason().name());
    } else if (op < 75) {
      assertThat(tested.get(key, nowMillis)).isEqualTo(reference.get(key, nowMillis));
    } else if (op < 82) {
      assertThat(tested.remove(key)).isEqualTo(reference.remove(key));
    } else if (op < 88) {
      assertThat(tested.removeExpired(nowMillis)).isEqualTo(reference.removeExpired(nowMillis));
    } else {
      RecordKey after = random.nextBoolean() ? null : key;
      int limit = random.nextInt(6);
      assertThat(tested.scan(after, limit, nowMillis))
          .isEqualTo(reference.scan(after, limit, nowMillis));
    }
  }
}
