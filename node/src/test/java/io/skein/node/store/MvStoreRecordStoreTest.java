package io.skein.node.store;

import static io.skein.dht.record.MutableRecord.NO_CAS;
import static io.skein.node.store.TestRecords.T0;
import static io.skein.node.store.TestRecords.immutable;
import static io.skein.node.store.TestRecords.mutable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.InMemoryRecordStore;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordCodec;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoreOutcome;
import io.skein.dht.record.StoredRecord;
import io.skein.node.store.RecordStoreException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file store adds to the contract: persistence, and clear errors about its file. */
class MvStoreRecordStoreTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("records.mv");
  }

  private MvStoreRecordStore open() {
    return MvStoreRecordStore.open(file());
  }

  /** Asserts that {@code call} fails with a one-line error of {@code kind} naming the file. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      Kind kind, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).isInstanceOf(RecordStoreException.class);
    RecordStoreException e = (RecordStoreException) t;
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e.getMessage())
        .contains(file().getFileName().toString())
        .doesNotContain("\n")
        .doesNotContain("[2.4");
    return assertThat(t);
  }

  // --- persistence ---------------------------------------------------------------------------

  @Test
  void reopenAfterCloseKeepsEverything() {
    ImmutableRecord a = immutable("a");
    MutableRecord m = mutable(7, "seven");
    try (MvStoreRecordStore s = open()) {
      s.put(a, NO_CAS, 60_000, T0);
      s.put(mutable(6, "six"), NO_CAS, 60_000, T0);
      s.put(m, NO_CAS, 60_000, T0);
      s.put(immutable("gone"), NO_CAS, 60_000, T0);
      s.remove(immutable("gone").key());
    }
    try (MvStoreRecordStore s = open()) {
      assertThat(s.size()).isEqualTo(2);
      assertThat(s.get(a.key(), T0)).isEqualTo(new StoredRecord(a, T0 + 60_000));
      assertThat(s.get(m.key(), T0)).isEqualTo(new StoredRecord(m, T0 + 60_000));
      assertThat(s.get(immutable("gone").key(), T0)).isNull();
      assertThat(s.scan(null, 10, T0)).extracting(StoredRecord::key).isSorted().hasSize(2);
      assertThat(s.bytes()).isEqualTo(1 + "seven".length() + TestRecords.SALT.length);
      assertThat(s.put(mutable(6, "six"), NO_CAS, 1, T0).reason())
          .isEqualTo(RejectReason.SEQ_TOO_LOW);
    }
  }

  @Test
  void reopenKeepsExpiry() {
    ImmutableRecord r = immutable("x");
    try (MvStoreRecordStore s = open()) {
      s.put(r, NO_CAS, 5_000, T0);
      s.put(r, NO_CAS, 10_000, T0 + 1_000);
    }
    try (MvStoreRecordStore s = open()) {
      assertThat(s.get(r.key(), T0 + 10_999).expiresAtMillis()).isEqualTo(T0 + 11_000);
      assertThat(s.get(r.key(), T0 + 11_000)).isNull();
      assertThat(s.removeExpired(T0 + 11_000)).isEqualTo(1);
    }
    try (MvStoreRecordStore s = open()) {
      assertThat(s.size()).isZero();
    }
  }

  @Test
  void reopenCountsTheBytesHeldAgainstTheByteCap() {
    MvStoreConfig config = MvStoreConfig.defaults(file()).withLimits(10, 1_000);
    try (MvStoreRecordStore s = MvStoreRecordStore.open(config)) {
      s.put(ImmutableRecord.of(new byte[900]), NO_CAS, 60_000, T0);
    }
    try (MvStoreRecordStore s = MvStoreRecordStore.open(config)) {
      assertThat(s.bytes()).isEqualTo(900);
      assertThat(s.put(ImmutableRecord.of(new byte[101]), NO_CAS, 60_000, T0).reason())
          .isEqualTo(RejectReason.STORE_FULL);
      assertThat(s.put(ImmutableRecord.of(new byte[100]), NO_CAS, 60_000, T0))
          .isEqualTo(StoreOutcome.STORED);
    }
  }

  @Test
  void powerLossSafeStoreKeepsWhatItAcknowledged() {
    MutableRecord m = mutable(1, "v");
    try (MvStoreRecordStore s = MvStoreRecordStore.open(MvStoreConfig.powerLossSafe(file()))) {
      assertThat(s.config().fsyncEachPut()).isTrue();
      assertThat(s.put(m, NO_CAS, 60_000, T0)).isEqualTo(StoreOutcome.STORED);
      s.sync();
    }
    try (MvStoreRecordStore s = open()) {
      assertThat(s.get(m.key(), T0).record()).isEqualTo(m);
    }
  }

  /**
   * Each commit writes a new chunk of tens of KB; freed chunks are reused at once and sparse ones
   * compacted, so the file stays near the size of its live data instead of growing per put.
   */
  @Test
  void fileStaysSmallUnderManySmallCommits() throws IOException {
    int keys = 200;
    int puts = 3 * MvStoreRecordStore.COMPACT_EVERY_COMMITS;
    try (MvStoreRecordStore s = open()) {
      for (int i = 0; i < puts; i++) {
        byte[] salt = {(byte) (i % keys), (byte) (i % keys >> 8)};
        MutableRecord r = MutableRecord.sign(TestRecords.OWNER, salt, i / keys, new byte[100]);
        assertThat(s.put(r, NO_CAS, 60_000, T0).accepted()).isTrue();
      }
      assertThat(s.size()).isEqualTo(keys);
      assertThat(Files.size(file())).as("file bytes").isLessThan(4L << 20);
    }
  }

  @Test
  void emptyFileOpensAsANewStore() throws IOException {
    Files.createFile(file());
    try (MvStoreRecordStore s = open()) {
      assertThat(s.size()).isZero();
      assertThat(s.put(immutable("x"), NO_CAS, 100, T0)).isEqualTo(StoreOutcome.STORED);
    }
  }

  /**
   * The same random workload, with a close and reopen every 150 operations, gives the same answers
   * as the in-memory store: outcomes, reads, scans and sizes.
   */
  @Test
  void behavesLikeTheInMemoryStoreAcrossReopens() {
    int maxRecords = 8;
    long maxBytes = 60;
    MvStoreConfig config = MvStoreConfig.defaults(file()).withLimits(maxRecords, maxBytes);
    var reference = new InMemoryRecordStore(maxRecords, maxBytes);
    StoreWorkload workload = new StoreWorkload(new Random(20240611L));
    MvStoreRecordStore s = MvStoreRecordStore.open(config);
    try {
      long now = T0;
      for (int i = 0; i < 1_500; i++) {
        now += workload.nextStep();
        workload.applyToBoth(reference, s, now);
        assertThat(s.size()).as("size after op %d", i).isEqualTo(reference.size());
        assertThat(s.bytes()).as("bytes after op %d", i).isEqualTo(reference.bytes());
        if (i % 150 == 149) {
          s.close();
          s = MvStoreRecordStore.open(config);
        }
      }
      assertThat(s.scan(null, 100, now)).isEqualTo(reference.scan(null, 100, now));
      assertThat(workload.outcomesSeen())
          .as("the workload reaches every status and store-level reason")
          .containsExactlyInAnyOrder(
              "STORED",
              "REPLACED",
              "REFRESHED",
              "SEQ_TOO_LOW",
              "CAS_MISMATCH",
              "KIND_CONFLICT",
              "STORE_FULL");
    } finally {
      s.close();
    }
  }

  // --- lifecycle -----------------------------------------------------------------------------

  @Test
  void closeIsIdempotentAndUseAfterCloseIsAClearError() {
    MvStoreRecordStore s = open();
    s.close();
    s.close();
    assertThat(s.isClosed()).isTrue();
    assertFails(Kind.CLOSED, () -> s.get(immutable("x").key(), T0));
    assertFails(Kind.CLOSED, () -> s.put(immutable("x"), NO_CAS, 100, T0));
    assertFails(Kind.CLOSED, s::sync);
  }

  @Test
  void nowMillisMustBeEpochMilliseconds() {
    try (MvStoreRecordStore s = open()) {
      assertThatThrownBy(() -> s.put(immutable("x"), NO_CAS, 100, 1_000))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("epoch");
      assertThatThrownBy(() -> s.get(immutable("x").key(), System.nanoTime() / 1_000_000 % T0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(s.get(immutable("x").key(), System.currentTimeMillis())).isNull();
    }
  }

  // --- bad files -----------------------------------------------------------------------------

  @Test
  void secondOpenOfAnOpenStoreIsLocked() {
    try (MvStoreRecordStore first = open()) {
      first.put(immutable("x"), NO_CAS, 60_000, T0);
      assertFails(Kind.LOCKED, this::open).hasMessageContaining("another process");
      assertThat(first.get(immutable("x").key(), T0)).isNotNull();
    }
    try (MvStoreRecordStore again = open()) {
      assertThat(again.get(immutable("x").key(), T0)).isNotNull();
    }
  }

  @Test
  void fileOfRandomBytesIsCorrupt() throws IOException {
    Random random = new Random(7);
    for (int size : new int[] {1, 100, 4_096, 8_192, 65_536, 1 << 20}) {
      byte[] junk = new byte[size];
      random.nextBytes(junk);
      Files.write(file(), junk);
      assertFails(Kind.CORRUPT, this::open).hasMessageContaining("damaged or not a store file");
    }
  }

  @Test
  void damagedPagesAreFoundAtOpenAndReportedAsCorrupt() throws IOException {
    try (MvStoreRecordStore s = open()) {
      for (int i = 0; i < 300; i++) {
        s.put(immutable("record " + i), NO_CAS, 60_000, T0);
      }
    }
    // Compact, so that the file holds live pages only and every damage hits one.
    MvStoreFiles.openRaw(file()).close(-1);
    byte[] good = Files.readAllBytes(file());
    Random random = new Random(11);
    int corruptSeen = 0;
    for (int trial = 0; trial < 20; trial++) {
      byte[] bad = good.clone();
      int at = 8_192 + random.nextInt(bad.length - 8_192);
      for (int i = at; i < Math.min(bad.length, at + 64); i++) {
        bad[i] = (byte) random.nextInt();
      }
      Files.write(file(), bad);
      try (MvStoreRecordStore s = open()) {
        // Damage that MVStore does not notice hit no live page: everything is still there.
        assertThat(s.size()).isEqualTo(300);
        for (StoredRecord r : s.scan(null, 1_000, T0)) {
          assertThat(r.key()).isEqualTo(r.record().key());
        }
      } catch (RecordStoreException e) {
        assertThat(e.kind()).as(e.getMessage()).isIn(Kind.CORRUPT);
        assertThat(e.getMessage()).doesNotContain("\n");
        corruptSeen++;
      }
    }
    assertThat(corruptSeen).as("damage in the data area is detected").isPositive();
  }

  @Test
  void newerRecordStoreFormatIsRefused() {
    open().close();
    MVStore raw = MvStoreFiles.openRaw(file());
    raw.setStoreVersion(MvStoreRecordStore.FORMAT_VERSION + 1);
    raw.close();
    assertFails(Kind.NEWER_FORMAT, this::open)
        .hasMessageContaining("format " + (MvStoreRecordStore.FORMAT_VERSION + 1))
        .hasMessageContaining("newer Skein");
  }

  @Test
  void newerMvStoreFileFormatIsRefused() throws IOException {
    open().close();
    MvStoreFiles.rewriteHeader(file(), h -> h.replaceAll("(^|,)format:[0-9a-f]+", "$1format:9"));
    assertFails(Kind.NEWER_FORMAT, this::open).hasMessageContaining("newer storage engine");
  }

  @Test
  void foreignMvStoreFileIsRefused() {
    MVStore raw = MvStoreFiles.openRaw(file());
    raw.openMap("someone else's").put("k", "v");
    raw.close();
    assertFails(Kind.NOT_A_RECORD_STORE, this::open).hasMessageContaining("not a Skein record");
  }

  @Test
  void undecodableRecordIsFoundAtOpen() {
    open().close();
    MVStore raw = MvStoreFiles.openRaw(file());
    MVMap<byte[], byte[]> records = MvStoreFiles.recordsMap(raw);
    byte[] key = immutable("x").key().id().bytes();
    records.put(key, new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 99});
    raw.close();
    assertFails(Kind.CORRUPT, this::open)
        .hasMessageContaining(immutable("x").key().hex())
        .hasMessageContaining("unknown record tag 99");
  }

  @Test
  void recordUnderAnotherKeyIsFoundAtOpen() {
    open().close();
    MVStore raw = MvStoreFiles.openRaw(file());
    byte[] wrongKey = immutable("y").key().id().bytes();
    MvStoreFiles.recordsMap(raw)
        .put(wrongKey, RecordCodec.encodeStored(new StoredRecord(immutable("x"), T0)));
    raw.close();
    assertFails(Kind.CORRUPT, this::open).hasMessageContaining("not the record's key");
  }

  @Test
  void missingDirectoryIsAClearError() {
    Path nowhere = dir.resolve("no such dir").resolve("records.mv");
    assertThatThrownBy(() -> MvStoreRecordStore.open(nowhere))
        .isInstanceOfSatisfying(
            RecordStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_WRITABLE))
        .hasMessageContaining("no such dir")
        .hasMessageContaining("does not exist");
    assertThat(dir.resolve("no such dir")).doesNotExist();
  }

  @Test
  void directoryInPlaceOfTheFileIsRefused() throws IOException {
    Files.createDirectory(file());
    assertFails(Kind.NOT_A_RECORD_STORE, this::open).hasMessageContaining("not a regular file");
  }

  @Test
  void errorsKeepTheLibraryDetailAsTheirCause() {
    try (MvStoreRecordStore first = open()) {
      assertFails(Kind.LOCKED, this::open).hasCauseInstanceOf(MVStoreException.class);
      assertThat(first.size()).isZero();
    }
  }
}
