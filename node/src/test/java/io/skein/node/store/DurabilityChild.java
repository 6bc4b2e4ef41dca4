package io.skein.node.store;

import io.skein.crypto.KeyPair;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.StoreOutcome;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The process {@link MvStoreKillTest} kills: opens the store named by its first argument ({@code
 * powerLossSafe} as second argument forces each put to the disk) and puts records as fast as it
 * can, printing {@code acked <key hex>} after each accepted immutable put and {@code acked-seq
 * <seq>} after each accepted update of one mutable record, until it is killed (or after {@link
 * #MAX_PUTS} puts).
 */
final class DurabilityChild {
  /** Upper bound on the puts, so that a child nobody kills still ends. */
  static final int MAX_PUTS = 200_000;

  /** The owner of the mutable record the child keeps updating. */
  static final KeyPair OWNER = TestRecords.owner(42);

  /** The mutable record's salt. */
  static final byte[] SALT = TestRecords.bytes("kill-9");

  /** Every put's time-to-live: an hour, so nothing expires before the parent checks. */
  static final long TTL_MILLIS = 3_600_000;

  private DurabilityChild() {}

  /** The 100-byte value of the {@code i}th immutable record. */
  static byte[] value(int i) {
    byte[] v = new byte[100];
    Arrays.fill(v, (byte) '.');
    byte[] label = ("record " + i).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(label, 0, v, 0, label.length);
    return v;
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    MvStoreConfig config =
        (args.length > 1 && args[1].equals("powerLossSafe")
                ? MvStoreConfig.powerLossSafe(Path.of(args[0]))
                : MvStoreConfig.defaults(Path.of(args[0])))
            .withLimits(1_000_000, 1L << 32);
    MvStoreRecordStore store = MvStoreRecordStore.open(config);
    out.println("open");
    for (int i = 0; i < MAX_PUTS; i++) {
      long now = System.currentTimeMillis();
      ImmutableRecord r = ImmutableRecord.of(value(i));
      StoreOutcome o = store.put(r, MutableRecord.NO_CAS, TTL_MILLIS, now);
      if (!o.accepted()) {
        out.println("rejected " + r.key().hex() + " " + o);
        System.exit(2);
      }
      out.println("acked " + r.key().hex());
      if (i % 10 == 9) {
        long seq = i / 10;
        MutableRecord m = MutableRecord.sign(OWNER, SALT, seq, value(i));
        o = store.put(m, MutableRecord.NO_CAS, TTL_MILLIS, now);
        if (!o.accepted()) {
          out.println("rejected seq " + seq + " " + o);
          System.exit(2);
        }
        out.println("acked-seq " + seq);
      }
    }
    store.close();
    out.println("done");
  }
}
