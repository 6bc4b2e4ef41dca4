package io.skein.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.dht.msg.FindValue;
import io.skein.dht.msg.Store;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.InMemoryRecordStore;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A storing node validates every STORE and answers each refusal with its own reason. */
class DhtStoreRequestTest {
  private static final long MS = 1_000_000L;
  private static final KeyPair OWNER = TestIds.keyPair(100);
  private static final byte[] SALT = "s".getBytes(StandardCharsets.UTF_8);
  private static final Contact PEER = TestIds.contact(TestIds.keyPair(2), 2);

  private final InMemoryRecordStore store = new InMemoryRecordStore(3, 1 << 20);
  private final Dht dht =
      new Dht(
          DhtConfig.lan().toBuilder().maxValueBytes(1000).build(),
          TestIds.keyPair(1),
          Ed25519.VERIFIER,
          new Endpoint("10.0.0.1", 7000),
          store,
          new SplittableRandom(1),
          0);
  private long rpc = 1;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private StoreAck store(Record record, long cas, long ttlMillis, long nowMillis) {
    long id = rpc++;
    dht.onMessage(nowMillis * MS, PEER, new Store(id, record, cas, ttlMillis));
    List<Outbound> out = dht.drainOutbox();
    StoreAck ack =
        (StoreAck)
            out.stream()
                .map(Outbound::message)
                .filter(m -> m instanceof StoreAck)
                .findFirst()
                .orElseThrow();
    assertThat(ack.rpcId()).isEqualTo(id);
    return ack;
  }

  private RejectReason reason(Record record, long cas) {
    return store(record, cas, 60_000, 0).reason();
  }

  @Test
  void eachRefusalHasItsOwnReason() {
    MutableRecord v5 = MutableRecord.sign(OWNER, SALT, 5, bytes("five"));
    assertThat(store(v5, -1, 60_000, 0).accepted()).isTrue();

    MutableRecord forged =
        MutableRecord.of(TestIds.keyPair(7).publicKey(), SALT, 6, bytes("x"), v5.signature());
    assertThat(reason(forged, -1)).isEqualTo(RejectReason.BAD_SIGNATURE);
    assertThat(reason(MutableRecord.sign(OWNER, SALT, 4, bytes("four")), -1))
        .isEqualTo(RejectReason.SEQ_TOO_LOW);
    assertThat(reason(MutableRecord.sign(OWNER, SALT, 5, bytes("other")), -1))
        .isEqualTo(RejectReason.SEQ_TOO_LOW);
    assertThat(reason(MutableRecord.sign(OWNER, SALT, 6, bytes("six")), 4))
        .isEqualTo(RejectReason.CAS_MISMATCH);
    assertThat(reason(ImmutableRecord.of(new byte[1001]), -1))
        .isEqualTo(RejectReason.VALUE_TOO_LARGE);
    assertThat(reason(MutableRecord.sign(OWNER, new byte[65], 1, bytes("v")), -1))
        .isEqualTo(RejectReason.SALT_TOO_LARGE);
    assertThat(store(ImmutableRecord.of(bytes("a")), -1, 0, 0).reason())
        .isEqualTo(RejectReason.BAD_TTL);
    assertThat(store(ImmutableRecord.of(bytes("a")), -1, DhtLimits.MAX_TTL_MILLIS + 1, 0).reason())
        .isEqualTo(RejectReason.BAD_TTL);

    byte[] squat = new byte[32 + SALT.length];
    OWNER.publicKey().copyTo(squat, 0);
    System.arraycopy(SALT, 0, squat, 32, SALT.length);
    assertThat(reason(ImmutableRecord.of(squat), -1)).isEqualTo(RejectReason.KIND_CONFLICT);

    assertThat(store(ImmutableRecord.of(bytes("b")), -1, 60_000, 0).accepted()).isTrue();
    assertThat(store(ImmutableRecord.of(bytes("c")), -1, 60_000, 0).accepted()).isTrue();
    assertThat(reason(ImmutableRecord.of(bytes("d")), -1)).isEqualTo(RejectReason.STORE_FULL);

    assertThat(reason(MutableRecord.sign(OWNER, SALT, 6, bytes("six")), 5)).isNull();
    for (RejectReason r :
        List.of(
            RejectReason.BAD_SIGNATURE,
            RejectReason.CAS_MISMATCH,
            RejectReason.VALUE_TOO_LARGE,
            RejectReason.SALT_TOO_LARGE,
            RejectReason.KIND_CONFLICT,
            RejectReason.STORE_FULL)) {
      assertThat(dht.counters().storesRejected(r)).as(r.name()).isEqualTo(1);
    }
    assertThat(dht.counters().storesRejected(RejectReason.SEQ_TOO_LOW)).isEqualTo(2);
    assertThat(dht.counters().storesRejected(RejectReason.BAD_TTL)).isEqualTo(2);
  }

  @Test
  void equalSeqWithEqualValueRefreshesTheExpiry() {
    MutableRecord v = MutableRecord.sign(OWNER, SALT, 3, bytes("same"));
    store(v, -1, 1_000, 0);
    assertThat(store.get(v.key(), 999)).isNotNull();
    assertThat(store(v, -1, 1_000, 900).accepted()).isTrue();
    assertThat(dht.counters().recordsRefreshed()).isEqualTo(1);
    assertThat(store.get(v.key(), 1_899)).isNotNull();
    assertThat(store.get(v.key(), 1_900)).isNull();
  }

  @Test
  void findValueAnswersWithTheRecordAndItsRemainingLifetime() {
    ImmutableRecord r = ImmutableRecord.of(bytes("x"));
    store(r, -1, 10_000, 0);
    dht.onMessage(4_000 * MS, PEER, new FindValue(99, r.key().id()));
    Value v =
        (Value)
            dht.drainOutbox().stream()
                .map(Outbound::message)
                .filter(m -> m instanceof Value)
                .findFirst()
                .orElseThrow();
    assertThat(v.rpcId()).isEqualTo(99);
    assertThat(v.record()).isEqualTo(r);
    assertThat(v.remainingTtlMillis()).isEqualTo(6_000);
  }
}
