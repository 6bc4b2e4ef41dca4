package io.skein.dht.record;

import static io.skein.dht.record.RecordValidatorTest.OWNER;
import static io.skein.dht.record.RecordValidatorTest.SALT;
import static io.skein.dht.record.RecordValidatorTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expiry, refresh and capacity of the in-memory store. */
class InMemoryRecordStoreTest {
  private final InMemoryRecordStore store = new InMemoryRecordStore(3, 1_000);

  @Test
  void recordExpiresAfterItsTtl() {
    ImmutableRecord r = ImmutableRecord.of(bytes("x"));
    assertThat(store.put(r, MutableRecord.NO_CAS, 100, 1_000)).isEqualTo(StoreOutcome.STORED);
    assertThat(store.get(r.key(), 1_099)).isNotNull();
    assertThat(store.get(r.key(), 1_100)).isNull();
    assertThat(store.removeExpired(1_100)).isEqualTo(1);
    assertThat(store.size()).isZero();
  }

  @Test
  void equalSeqAndEqualValueRefreshesTheExpiry() {
    MutableRecord r = MutableRecord.sign(OWNER, SALT, 3, bytes("v"));
    store.put(r, MutableRecord.NO_CAS, 100, 1_000);
    StoreOutcome again = store.put(r, MutableRecord.NO_CAS, 100, 1_050);
    assertThat(again).isEqualTo(StoreOutcome.REFRESHED);
    assertThat(store.get(r.key(), 1_149).expiresAtMillis()).isEqualTo(1_150);
  }

  @Test
  void refreshNeverShortensTheExpiry() {
    ImmutableRecord r = ImmutableRecord.of(bytes("x"));
    store.put(r, MutableRecord.NO_CAS, 1_000, 0);
    store.put(r, MutableRecord.NO_CAS, 10, 100);
    assertThat(store.get(r.key(), 100).expiresAtMillis()).isEqualTo(1_000);
  }

  @Test
  void storeRejectsSeqTooLowAndCasMismatch() {
    store.put(MutableRecord.sign(OWNER, SALT, 3, bytes("v")), MutableRecord.NO_CAS, 100, 0);
    assertThat(
            store
                .put(MutableRecord.sign(OWNER, SALT, 2, bytes("w")), MutableRecord.NO_CAS, 100, 0)
                .reason())
        .isEqualTo(RejectReason.SEQ_TOO_LOW);
    assertThat(store.put(MutableRecord.sign(OWNER, SALT, 4, bytes("w")), 2, 100, 0).reason())
        .isEqualTo(RejectReason.CAS_MISMATCH);
    assertThat(store.put(MutableRecord.sign(OWNER, SALT, 4, bytes("w")), 3, 100, 0))
        .isEqualTo(StoreOutcome.REPLACED);
  }

  @Test
  void expiredRecordDoesNotBlockALowerSeq() {
    MutableRecord r3 = MutableRecord.sign(OWNER, SALT, 3, bytes("v"));
    store.put(r3, MutableRecord.NO_CAS, 100, 0);
    MutableRecord r1 = MutableRecord.sign(OWNER, SALT, 1, bytes("w"));
    assertThat(store.put(r1, MutableRecord.NO_CAS, 100, 200)).isEqualTo(StoreOutcome.STORED);
  }

  @Test
  void fullStoreAnswersStoreFull() {
    for (int i = 0; i < 3; i++) {
      assertThat(store.put(ImmutableRecord.of(new byte[] {(byte) i}), -1, 100, 0).accepted())
          .isTrue();
    }
    assertThat(store.put(ImmutableRecord.of(new byte[] {9}), -1, 100, 0).reason())
        .isEqualTo(RejectReason.STORE_FULL);
    // A refresh of a stored record still works when full.
    assertThat(store.put(ImmutableRecord.of(new byte[] {0}), -1, 200, 0))
        .isEqualTo(StoreOutcome.REFRESHED);
  }

  @Test
  void byteCapAnswersStoreFull() {
    assertThat(store.put(ImmutableRecord.of(new byte[600]), -1, 100, 0).accepted()).isTrue();
    assertThat(store.put(ImmutableRecord.of(new byte[500]), -1, 100, 0).reason())
        .isEqualTo(RejectReason.STORE_FULL);
    assertThat(store.bytes()).isEqualTo(600);
  }

  @Test
  void scanWalksKeysInOrderFromACursor() {
    for (int i = 0; i < 3; i++) {
      store.put(ImmutableRecord.of(new byte[] {(byte) i}), -1, 100, 0);
    }
    List<StoredRecord> first = store.scan(null, 2, 0);
    assertThat(first).hasSize(2);
    assertThat(first.get(0).key()).isLessThan(first.get(1).key());
    List<StoredRecord> rest = store.scan(first.get(1).key(), 2, 0);
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).key()).isGreaterThan(first.get(1).key());
    assertThat(store.scan(null, 10, 100)).isEmpty();
  }
}
