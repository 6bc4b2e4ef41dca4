package io.skein.node.store;

import static io.skein.dht.record.MutableRecord.NO_CAS;
import static io.skein.node.store.TestRecords.OWNER;
import static io.skein.node.store.TestRecords.SALT;
import static io.skein.node.store.TestRecords.T0;
import static io.skein.node.store.TestRecords.immutable;
import static io.skein.node.store.TestRecords.mutable;
import static io.skein.node.store.TestRecords.owner;
import static io.skein.node.store.TestRecords.squatterAtMutableKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordStore;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoreOutcome;
import io.skein.dht.record.StoredRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordStore} does, whatever keeps its records: run against each implementation
 * by a subclass that says how to make an empty store. Times are epoch milliseconds from {@link
 * TestRecords#T0}, which every store accepts.
 */
abstract class RecordStoreContract {
  /** Record cap of {@link #store}. */
  static final int MAX_RECORDS = 3;

  /** Byte cap (values and salts) of {@link #store}. */
  static final long MAX_BYTES = 1_000;

  /** A new, empty store of this implementation; the subclass closes it after the test. */
  abstract RecordStore newStore(int maxRecords, long maxBytes);

  RecordStore store;

  @BeforeEach
  void newDefaultStore() {
    store = newStore(MAX_RECORDS, MAX_BYTES);
  }

  private StoreOutcome put(Record r, long ttlMillis, long nowMillis) {
    return store.put(r, NO_CAS, ttlMillis, nowMillis);
  }

  // --- storing and reading -------------------------------------------------------------------

  @Test
  void absentKeyReadsAsNull() {
    assertThat(store.get(immutable("x").key(), T0)).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  void newImmutableRecordIsStoredWithItsExpiry() {
    ImmutableRecord r = immutable("x");
    assertThat(put(r, 100, T0)).isEqualTo(StoreOutcome.STORED);
    assertThat(store.get(r.key(), T0)).isEqualTo(new StoredRecord(r, T0 + 100));
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void sameImmutableRecordAgainIsRefreshed() {
    ImmutableRecord r = immutable("x");
    put(r, 100, T0);
    assertThat(put(immutable("x"), 100, T0 + 50)).isEqualTo(StoreOutcome.REFRESHED);
    assertThat(store.get(r.key(), T0 + 50).expiresAtMillis()).isEqualTo(T0 + 150);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void refreshNeverShortensTheExpiry() {
    ImmutableRecord r = immutable("x");
    put(r, 1_000, T0);
    assertThat(put(r, 10, T0 + 100)).isEqualTo(StoreOutcome.REFRESHED);
    assertThat(store.get(r.key(), T0 + 100).expiresAtMillis()).isEqualTo(T0 + 1_000);
  }

  @Test
  void newMutableRecordIsStored() {
    MutableRecord r = mutable(3, "v");
    assertThat(put(r, 100, T0)).isEqualTo(StoreOutcome.STORED);
    assertThat(store.get(r.key(), T0).record()).isEqualTo(r);
  }

  @Test
  void higherSeqReplacesTheStoredRecord() {
    put(mutable(3, "v"), 100, T0);
    MutableRecord r4 = mutable(4, "w");
    assertThat(put(r4, 100, T0 + 10)).isEqualTo(StoreOutcome.REPLACED);
    assertThat(store.get(r4.key(), T0 + 10)).isEqualTo(new StoredRecord(r4, T0 + 110));
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void replacementKeepsTheLaterOfTheOldExpiryAndTheNewTtl() {
    put(mutable(3, "v"), 1_000, T0);
    MutableRecord r4 = mutable(4, "w");
    assertThat(put(r4, 10, T0 + 10)).isEqualTo(StoreOutcome.REPLACED);
    assertThat(store.get(r4.key(), T0 + 10)).isEqualTo(new StoredRecord(r4, T0 + 1_000));
  }

  @Test
  void lowerSeqIsRejectedAsSeqTooLow() {
    MutableRecord r3 = mutable(3, "v");
    put(r3, 100, T0);
    assertThat(put(mutable(2, "w"), 500, T0).reason()).isEqualTo(RejectReason.SEQ_TOO_LOW);
    assertThat(store.get(r3.key(), T0)).isEqualTo(new StoredRecord(r3, T0 + 100));
  }

  @Test
  void equalSeqWithAnotherValueIsRejectedAsSeqTooLow() {
    MutableRecord r3 = mutable(3, "v");
    put(r3, 100, T0);
    assertThat(put(mutable(3, "w"), 500, T0).reason()).isEqualTo(RejectReason.SEQ_TOO_LOW);
    assertThat(store.get(r3.key(), T0)).isEqualTo(new StoredRecord(r3, T0 + 100));
  }

  @Test
  void equalSeqWithTheSameValueRefreshes() {
    MutableRecord r3 = mutable(3, "v");
    put(r3, 100, T0);
    assertThat(put(mutable(3, "v"), 100, T0 + 50)).isEqualTo(StoreOutcome.REFRESHED);
    assertThat(store.get(r3.key(), T0 + 149)).isEqualTo(new StoredRecord(r3, T0 + 150));
  }

  @Test
  void casEqualToTheStoredSeqReplaces() {
    put(mutable(3, "v"), 100, T0);
    assertThat(store.put(mutable(4, "w"), 3, 100, T0)).isEqualTo(StoreOutcome.REPLACED);
    assertThat(((MutableRecord) store.get(OWNER_KEY, T0).record()).seq()).isEqualTo(4);
  }

  @Test
  void casOtherThanTheStoredSeqIsRejectedAsCasMismatch() {
    MutableRecord r3 = mutable(3, "v");
    put(r3, 100, T0);
    assertThat(store.put(mutable(4, "w"), 2, 100, T0).reason())
        .isEqualTo(RejectReason.CAS_MISMATCH);
    // CAS is checked before seq: a stale CAS with a stale seq is still a CAS mismatch.
    assertThat(store.put(mutable(1, "w"), 2, 100, T0).reason())
        .isEqualTo(RejectReason.CAS_MISMATCH);
    assertThat(store.get(r3.key(), T0).record()).isEqualTo(r3);
  }

  @Test
  void casAgainstNothingStores() {
    assertThat(store.put(mutable(4, "w"), 3, 100, T0)).isEqualTo(StoreOutcome.STORED);
  }

  @Test
  void immutableRecordOverAMutableOneIsRejectedAsKindConflict() {
    MutableRecord r = mutable(3, "v");
    put(r, 100, T0);
    ImmutableRecord squatter = squatterAtMutableKey();
    assertThat(squatter.key()).isEqualTo(r.key());
    assertThat(put(squatter, 100, T0).reason()).isEqualTo(RejectReason.KIND_CONFLICT);
    assertThat(store.get(r.key(), T0).record()).isEqualTo(r);
  }

  @Test
  void mutableRecordReplacesAnImmutableSquatterAtItsKey() {
    assertThat(put(squatterAtMutableKey(), 100, T0)).isEqualTo(StoreOutcome.STORED);
    MutableRecord r = mutable(0, "v");
    assertThat(store.put(r, 7, 100, T0)).isEqualTo(StoreOutcome.REPLACED);
    assertThat(store.get(r.key(), T0).record()).isEqualTo(r);
  }

  @Test
  void everyStatusAndStoreLevelRejectReasonHasAScenarioAndTheRestBelongToTheValidator() {
    Map<RejectReason, Function<RecordStore, StoreOutcome>> rejections =
        new EnumMap<>(RejectReason.class);
    rejections.put(
        RejectReason.SEQ_TOO_LOW,
        s -> {
          s.put(mutable(3, "v"), NO_CAS, 100, T0);
          return s.put(mutable(2, "v"), NO_CAS, 100, T0);
        });
    rejections.put(
        RejectReason.CAS_MISMATCH,
        s -> {
          s.put(mutable(3, "v"), NO_CAS, 100, T0);
          return s.put(mutable(4, "v"), 1, 100, T0);
        });
    rejections.put(
        RejectReason.KIND_CONFLICT,
        s -> {
          s.put(mutable(3, "v"), NO_CAS, 100, T0);
          return s.put(squatterAtMutableKey(), NO_CAS, 100, T0);
        });
    rejections.put(
        RejectReason.STORE_FULL,
        s -> {
          for (int i = 0; i < s.maxRecords(); i++) {
            s.put(immutable("r" + i), NO_CAS, 100, T0);
          }
          return s.put(immutable("one too many"), NO_CAS, 100, T0);
        });
    // Checked by RecordValidator.validate and the DHT core before a store sees the record.
    Set<RejectReason> beforeTheStore =
        EnumSet.of(
            RejectReason.BAD_SIGNATURE,
            RejectReason.VALUE_TOO_LARGE,
            RejectReason.SALT_TOO_LARGE,
            RejectReason.KEY_MISMATCH,
            RejectReason.BAD_TTL);
    for (RejectReason reason : RejectReason.values()) {
      assertThat(rejections.containsKey(reason) != beforeTheStore.contains(reason))
          .as("%s needs a store scenario here or belongs to the validator", reason)
          .isTrue();
    }
    for (Map.Entry<RejectReason, Function<RecordStore, StoreOutcome>> e : rejections.entrySet()) {
      assertThat(e.getValue().apply(newStore(MAX_RECORDS, MAX_BYTES)))
          .isEqualTo(StoreOutcome.rejected(e.getKey()));
    }

    Map<StoreOutcome.Status, Function<RecordStore, StoreOutcome>> statuses =
        new EnumMap<>(StoreOutcome.Status.class);
    statuses.put(StoreOutcome.Status.STORED, s -> s.put(immutable("a"), NO_CAS, 100, T0));
    statuses.put(
        StoreOutcome.Status.REFRESHED,
        s -> {
          s.put(immutable("a"), NO_CAS, 100, T0);
          return s.put(immutable("a"), NO_CAS, 100, T0);
        });
    statuses.put(
        StoreOutcome.Status.REPLACED,
        s -> {
          s.put(mutable(1, "a"), NO_CAS, 100, T0);
          return s.put(mutable(2, "b"), NO_CAS, 100, T0);
        });
    statuses.put(StoreOutcome.Status.REJECTED, rejections.get(RejectReason.SEQ_TOO_LOW));
    assertThat(statuses.keySet()).containsExactlyInAnyOrder(StoreOutcome.Status.values());
    for (Map.Entry<StoreOutcome.Status, Function<RecordStore, StoreOutcome>> e :
        statuses.entrySet()) {
      assertThat(e.getValue().apply(newStore(MAX_RECORDS, MAX_BYTES)).status())
          .isEqualTo(e.getKey());
    }
  }

  // --- expiry --------------------------------------------------------------------------------

  @Test
  void recordExpiresAfterItsTtl() {
    ImmutableRecord r = immutable("x");
    put(r, 100, T0);
    assertThat(store.get(r.key(), T0 + 99)).isNotNull();
    assertThat(store.get(r.key(), T0 + 100)).isNull();
  }

  @Test
  void expiredRecordsAreInvisibleToScanButCountUntilRemoved() {
    put(immutable("short"), 100, T0);
    put(immutable("long"), 1_000, T0);
    assertThat(store.scan(null, 10, T0 + 100))
        .extracting(StoredRecord::record)
        .containsExactly(immutable("long"));
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.removeExpired(T0 + 100)).isEqualTo(1);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.get(immutable("long").key(), T0 + 100)).isNotNull();
    assertThat(store.removeExpired(T0 + 100)).isZero();
  }

  @Test
  void expiredRecordDoesNotBlockALowerSeq() {
    put(mutable(3, "v"), 100, T0);
    MutableRecord r1 = mutable(1, "w");
    assertThat(put(r1, 100, T0 + 200)).isEqualTo(StoreOutcome.STORED);
    assertThat(store.get(r1.key(), T0 + 200)).isEqualTo(new StoredRecord(r1, T0 + 300));
  }

  @Test
  void expiredRecordIsStoredAnewNotRefreshed() {
    ImmutableRecord r = immutable("x");
    put(r, 1_000, T0);
    assertThat(put(r, 10, T0 + 2_000)).isEqualTo(StoreOutcome.STORED);
    assertThat(store.get(r.key(), T0 + 2_000).expiresAtMillis()).isEqualTo(T0 + 2_010);
  }

  @Test
  void expiredRecordIsNoCasTarget() {
    put(mutable(3, "v"), 100, T0);
    assertThat(store.put(mutable(4, "w"), 1, 100, T0 + 100)).isEqualTo(StoreOutcome.STORED);
  }

  // --- removal -------------------------------------------------------------------------------

  @Test
  void removeReportsWhetherARecordWasThere() {
    ImmutableRecord r = immutable("x");
    put(r, 100, T0);
    assertThat(store.remove(r.key())).isTrue();
    assertThat(store.get(r.key(), T0)).isNull();
    assertThat(store.remove(r.key())).isFalse();
    assertThat(store.size()).isZero();
  }

  // --- capacity ------------------------------------------------------------------------------

  @Test
  void maxRecordsIsTheConfiguredCap() {
    assertThat(store.maxRecords()).isEqualTo(MAX_RECORDS);
  }

  @Test
  void fullStoreAnswersStoreFullForANewKey() {
    for (int i = 0; i < MAX_RECORDS; i++) {
      assertThat(put(immutable("r" + i), 100, T0).accepted()).isTrue();
    }
    assertThat(put(immutable("new"), 100, T0).reason()).isEqualTo(RejectReason.STORE_FULL);
    assertThat(store.get(immutable("new").key(), T0)).isNull();
    assertThat(store.size()).isEqualTo(MAX_RECORDS);
  }

  @Test
  void fullStoreStillRefreshesAndReplacesTheRecordsItHolds() {
    put(immutable("r0"), 100, T0);
    put(immutable("r1"), 100, T0);
    put(mutable(1, "v"), 100, T0);
    assertThat(put(immutable("r0"), 200, T0)).isEqualTo(StoreOutcome.REFRESHED);
    assertThat(put(mutable(2, "w"), 100, T0)).isEqualTo(StoreOutcome.REPLACED);
  }

  @Test
  void expiredRecordsHoldTheirPlaceUntilRemoved() {
    for (int i = 0; i < MAX_RECORDS; i++) {
      put(immutable("r" + i), 100, T0);
    }
    assertThat(put(immutable("new"), 100, T0 + 500).reason()).isEqualTo(RejectReason.STORE_FULL);
    store.removeExpired(T0 + 500);
    assertThat(put(immutable("new"), 100, T0 + 500)).isEqualTo(StoreOutcome.STORED);
  }

  @Test
  void removingARecordMakesRoom() {
    for (int i = 0; i < MAX_RECORDS; i++) {
      put(immutable("r" + i), 100, T0);
    }
    store.remove(immutable("r0").key());
    assertThat(put(immutable("new"), 100, T0)).isEqualTo(StoreOutcome.STORED);
  }

  @Test
  void byteCapCountsValuesAndSaltsAndAnswersStoreFull() {
    ImmutableRecord big = ImmutableRecord.of(new byte[600]);
    assertThat(put(big, 100, T0)).isEqualTo(StoreOutcome.STORED);
    // 600 + 396 value bytes + 4 salt bytes = 1,000: exactly at the cap.
    MutableRecord fits = MutableRecord.sign(OWNER, SALT, 1, new byte[396]);
    assertThat(put(fits, 100, T0)).isEqualTo(StoreOutcome.STORED);
    assertThat(put(ImmutableRecord.of(new byte[1]), 100, T0).reason())
        .isEqualTo(RejectReason.STORE_FULL);
  }

  @Test
  void replacementBeyondTheByteCapIsStoreFullAndKeepsTheOldRecord() {
    MutableRecord small = MutableRecord.sign(OWNER, SALT, 1, new byte[100]);
    put(small, 100, T0);
    put(ImmutableRecord.of(new byte[500]), 100, T0);
    MutableRecord tooBig = MutableRecord.sign(OWNER, SALT, 2, new byte[497]);
    assertThat(put(tooBig, 100, T0).reason()).isEqualTo(RejectReason.STORE_FULL);
    assertThat(store.get(small.key(), T0).record()).isEqualTo(small);
    // The old record's bytes are given back: a replacement that fits within them is accepted.
    MutableRecord justFits = MutableRecord.sign(OWNER, SALT, 2, new byte[496]);
    assertThat(put(justFits, 100, T0)).isEqualTo(StoreOutcome.REPLACED);
  }

  @Test
  void removalsGiveTheirBytesBack() {
    put(ImmutableRecord.of(new byte[600]), 100, T0);
    store.remove(ImmutableRecord.of(new byte[600]).key());
    put(ImmutableRecord.of(new byte[300]), 100, T0);
    store.removeExpired(T0 + 100);
    assertThat(put(ImmutableRecord.of(new byte[1_000]), 100, T0 + 100))
        .isEqualTo(StoreOutcome.STORED);
  }

  // --- scan ----------------------------------------------------------------------------------

  @Test
  void scanWalksAllKeysInOrderFromACursor() {
    RecordStore big = newStore(100, 100_000);
    List<RecordKey> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Record r = i % 2 == 0 ? immutable("r" + i) : mutable(owner(i), SALT, i, "m" + i);
      big.put(r, NO_CAS, 100, T0);
      keys.add(r.key());
    }
    keys.sort(null);
    List<RecordKey> walked = new ArrayList<>();
    RecordKey cursor = null;
    for (List<StoredRecord> page = big.scan(null, 7, T0);
        !page.isEmpty();
        page = big.scan(cursor, 7, T0)) {
      assertThat(page.size()).isLessThanOrEqualTo(7);
      for (StoredRecord s : page) {
        walked.add(s.key());
      }
      cursor = page.get(page.size() - 1).key();
    }
    assertThat(walked).containsExactlyElementsOf(keys);
  }

  @Test
  void scanCursorNeedNotBeAStoredKey() {
    put(immutable("a"), 100, T0);
    put(immutable("b"), 100, T0);
    RecordKey zero = RecordKey.fromHex("00".repeat(32));
    RecordKey max = RecordKey.fromHex("ff".repeat(32));
    assertThat(store.scan(zero, 10, T0)).hasSize(2);
    assertThat(store.scan(max, 10, T0)).isEmpty();
  }

  @Test
  void scanSkipsExpiredRecordsAndStopsAtTheLimit() {
    put(immutable("a"), 100, T0);
    put(immutable("b"), 200, T0);
    put(immutable("c"), 200, T0);
    assertThat(store.scan(null, 10, T0 + 100)).hasSize(2);
    assertThat(store.scan(null, 1, T0 + 100)).hasSize(1);
    assertThat(store.scan(null, 0, T0)).isEmpty();
    assertThat(store.scan(null, 10, T0 + 200)).isEmpty();
  }

  // --- shared fixtures -------------------------------------------------------------------------

  static final RecordKey OWNER_KEY = mutable(0, "").key();
}
