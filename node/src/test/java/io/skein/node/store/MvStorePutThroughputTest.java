package io.skein.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.KeyPair;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.StoreOutcome;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures acknowledged puts per second of 100-byte mutable records (signed beforehand, so only the
 * store is timed) with each durability preset, then checks every record is there after a reopen.
 * Run it with:
 *
 * <pre>
 * mvn -q -B -pl node -am verify -Pslow -Dtest=MvStorePutThroughputTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("slow")
class MvStorePutThroughputTest {
  private static final Logger LOG = LoggerFactory.getLogger(MvStorePutThroughputTest.class);

  static final int VALUE_BYTES = 100;

  @TempDir Path dir;

  @Test
  void defaultsCommitEveryPut() throws Exception {
    measure(MvStoreConfig.defaults(dir.resolve("defaults.mv")), 10_000);
  }

  @Test
  void powerLossSafeForcesEveryPutToDisk() throws Exception {
    measure(MvStoreConfig.powerLossSafe(dir.resolve("fsync.mv")), 1_000);
  }

  private static void measure(MvStoreConfig config, int count) throws Exception {
    KeyPair owner = TestRecords.owner(7);
    Random random = new Random(1);
    List<MutableRecord> first = new ArrayList<>(count);
    List<MutableRecord> second = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] salt = ByteBuffer.allocate(4).putInt(i).array();
      byte[] value = new byte[VALUE_BYTES];
      random.nextBytes(value);
      first.add(MutableRecord.sign(owner, salt, 1, value));
      random.nextBytes(value);
      second.add(MutableRecord.sign(owner, salt, 2, value));
    }
    long now = System.currentTimeMillis();
    try (MvStoreRecordStore store = MvStoreRecordStore.open(config)) {
      double newPerSecond = timePuts(store, first, now, StoreOutcome.STORED);
      double replacePerSecond = timePuts(store, second, now, StoreOutcome.REPLACED);
      LOG.warn(
          String.format(
              "MvStoreRecordStore %s: %d new puts %.0f/s, %d replacing puts %.0f/s (%d-byte mutable"
                  + " records), file %d KiB",
              config.fsyncEachPut()
                  ? "powerLossSafe (fsync each put)"
                  : "defaults (commit each put)",
              count,
              newPerSecond,
              count,
              replacePerSecond,
              VALUE_BYTES,
              Files.size(config.file()) / 1024));
    }
    try (MvStoreRecordStore store = MvStoreRecordStore.open(config)) {
      assertThat(store.size()).isEqualTo(count);
      for (MutableRecord r : second) {
        assertThat(store.get(r.key(), now).record()).isEqualTo(r);
      }
    }
  }

  private static double timePuts(
      MvStoreRecordStore store, List<MutableRecord> records, long now, StoreOutcome expected) {
    long start = System.nanoTime();
    for (MutableRecord r : records) {
      StoreOutcome o = store.put(r, MutableRecord.NO_CAS, 3_600_000, now);
      if (!o.equals(expected)) {
        throw new AssertionError("put " + r + " answered " + o);
      }
    }
    return records.size() / ((System.nanoTime() - start) / 1e9);
  }
}
