package io.skein.node.store;

import io.skein.dht.DhtLimits;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordCodec;
import io.skein.dht.record.RecordFormatException;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordStore;
import io.skein.dht.record.RecordValidator;
import io.skein.dht.record.RejectReason;
import io.skein.dht.record.StoreOutcome;
import io.skein.dht.record.StoredRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * A {@link RecordStore} in one file, on H2's MVStore: the node daemon's store. Same rules as {@code
 * InMemoryRecordStore} (replacement, compare-and-swap, refresh never shortens, capacity answers
 * {@code STORE_FULL}, expired records invisible, scan in key order); in addition every put that
 * returns an accepting outcome has been committed to the file, so it survives kill -9 of the
 * process (and, with {@link MvStoreConfig#fsyncEachPut}, a power cut).
 *
 * <p><b>Clock.</b> Expiry times are stored as absolute times and must keep their meaning across
 * restarts, so every {@code nowMillis} given to this store is milliseconds since the Unix epoch
 * ({@code System.currentTimeMillis()}); values before {@link #MIN_EPOCH_MILLIS} or after {@link
 * #MAX_EPOCH_MILLIS} (a monotonic or virtual clock) are refused with an {@link
 * IllegalArgumentException}.
 *
 * <p><b>Layout.</b> One MVStore map, {@value #RECORDS_MAP}: key = the 32-byte record key, value =
 * {@link RecordCodec#encodeStored} (expiry, then the record). MVStore's store version holds {@link
 * #FORMAT_VERSION}; a file from a newer format, a foreign MVStore file, a damaged file and a file
 * in use by another process are refused at {@link #open} with a one-line {@link
 * RecordStoreException}. Opening reads and checks every record, so a damaged page is found then,
 * not on a later get.
 *
 * <p><b>Space.</b> MVStore writes each commit as a new chunk (about 30 KB for one small put into a
 * store of thousands) and may reuse a chunk's space once it holds no live page. This store lets it
 * reuse that space at once (MVStore's retention time 0; its default, 45 s, would keep about {@code
 * puts/s * 30 KB * 45} of dead chunks, 1.3 GB at 1,000 puts/s), which is safe for a killed process
 * and, with {@link MvStoreConfig#fsyncEachPut}, for a power cut, because every earlier commit is
 * then on disk before a later one overwrites a chunk; see {@link MvStoreConfig} for the default's
 * power-cut behaviour. Every {@value #COMPACT_EVERY_COMMITS} commits it rewrites the live pages of
 * chunks less than {@value #COMPACT_TARGET_FILL_PERCENT}% full, so chunks pinned by a single live
 * page do not accumulate.
 *
 * <p>Methods are synchronized; the node calls them from its event loop.
 */
public final class MvStoreRecordStore implements RecordStore, AutoCloseable {
  /** The record store format this build writes and reads (MVStore's store version). */
  public static final int FORMAT_VERSION = 1;

  /** Name of the map holding the records. */
  public static final String RECORDS_MAP = "skein.records";

  /** Earliest {@code nowMillis} accepted: 2020-01-01T00:00:00Z. */
  public static final long MIN_EPOCH_MILLIS = 1_577_836_800_000L;

  /** Latest {@code nowMillis} accepted: 2200-01-01T00:00:00Z. */
  public static final long MAX_EPOCH_MILLIS = 7_258_118_400_000L;

  /** Commits between two compaction passes: 1,000. */
  public static final int COMPACT_EVERY_COMMITS = 1_000;

  /** Chunks with a smaller share of live data than this get their live pages rewritten: 50%. */
  public static final int COMPACT_TARGET_FILL_PERCENT = 50;

  /** Most bytes one compaction pass rewrites: 1 MiB. */
  public static final int COMPACT_WRITE_BYTES = 1 << 20;

  private final MvStoreConfig config;
  private final Path file;
  private final MVStore store;
  private final MVMap<byte[], byte[]> records;
  private long bytes;
  private int commitsSinceCompaction;
  private boolean closed;

  private MvStoreRecordStore(
      MvStoreConfig config, Path file, MVStore store, MVMap<byte[], byte[]> records, long bytes) {
    this.config = config;
    this.file = file;
    this.store = store;
    this.records = records;
    this.bytes = bytes;
  }

  /**
   * Opens the store file named by {@code config}, creating it if it does not exist.
   *
   * @throws RecordStoreException if the file is locked, damaged, of a newer format, not a record
   *     store, or cannot be written
   */
  public static MvStoreRecordStore open(MvStoreConfig config) {
    Path file = config.file().toAbsolutePath();
    MvStoreErrors.checkPath(file);
    MVStore store = openMvStore(config, file);
    try {
      store.setRetentionTime(0);
      MvStoreErrors.checkFormat(store, file);
      boolean created = !store.hasMap(RECORDS_MAP);
      MVMap<byte[], byte[]> records =
          store.openMap(
              RECORDS_MAP,
              new MVMap.Builder<byte[], byte[]>()
                  .keyType(ByteArrayDataType.INSTANCE)
                  .valueType(ByteArrayDataType.INSTANCE));
      if (created) {
        store.setStoreVersion(FORMAT_VERSION);
        store.commit();
        store.sync();
      }
      long bytes = checkAll(records, file);
      return new MvStoreRecordStore(config, file, store, records, bytes);
    } catch (RecordStoreException e) {
      store.closeImmediately();
      throw e;
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw MvStoreErrors.onOpen(e, file);
    }
  }

  /** Opens {@code file} with the default settings ({@link MvStoreConfig#defaults}). */
  public static MvStoreRecordStore open(Path file) {
    return open(MvStoreConfig.defaults(file));
  }

  private static MVStore openMvStore(MvStoreConfig config, Path file) {
    MVStore store;
    try {
      store =
          new MVStore.Builder()
              .fileName(file.toString())
              .autoCommitDisabled()
              .cacheSize(config.cacheSizeMb())
              .open();
    } catch (RuntimeException e) {
      throw MvStoreErrors.onOpen(e, file);
    }
    if (store.isReadOnly()) {
      store.closeImmediately();
      throw new RecordStoreException(
          RecordStoreException.Kind.NOT_WRITABLE,
          "record store " + file + " is read-only: give the node write access to it",
          null);
    }
    return store;
  }

  /** Decodes every record, checks it sits at its own key, and sums the bytes held. */
  private static long checkAll(MVMap<byte[], byte[]> records, Path file) {
    long total = 0;
    for (Cursor<byte[], byte[]> c = records.cursor(null); c.hasNext(); ) {
      byte[] key = c.next();
      StoredRecord stored = decode(key, c.getValue(), file);
      if (!Arrays.equals(keyBytes(stored.key()), key)) {
        throw MvStoreErrors.corruptRecord(file, key, "it is not the record's key");
      }
      total += sizeOf(stored.record());
    }
    return total;
  }

  @Override
  public synchronized StoreOutcome put(Record record, long cas, long ttlMillis, long nowMillis) {
    checkOpen();
    checkClock(nowMillis);
    byte[] key = keyBytes(record.key());
    StoredRecord existing = read(key);
    boolean changed = false;
    if (existing != null && existing.expired(nowMillis)) {
      delete(key);
      bytes -= sizeOf(existing.record());
      existing = null;
      changed = true;
    }
    StoreOutcome outcome = RecordValidator.checkReplacement(record, existing, cas);
    if (!outcome.accepted()) {
      return commitIf(changed, outcome);
    }
    long expiresAt = nowMillis + ttlMillis;
    if (existing != null) {
      expiresAt = Math.max(expiresAt, existing.expiresAtMillis());
    }
    if (outcome.status() == StoreOutcome.Status.REFRESHED) {
      if (expiresAt != existing.expiresAtMillis()) {
        write(key, new StoredRecord(existing.record(), expiresAt));
        changed = true;
      }
      return commitIf(changed, outcome);
    }
    long oldBytes = existing == null ? 0 : sizeOf(existing.record());
    long newBytes = sizeOf(record);
    if ((existing == null && records.size() >= config.maxRecords())
        || bytes - oldBytes + newBytes > config.maxBytes()) {
      return commitIf(changed, StoreOutcome.rejected(RejectReason.STORE_FULL));
    }
    write(key, new StoredRecord(record, expiresAt));
    bytes += newBytes - oldBytes;
    return commitIf(true, outcome);
  }

  @Override
  public synchronized StoredRecord get(RecordKey key, long nowMillis) {
    checkOpen();
    checkClock(nowMillis);
    StoredRecord stored = read(keyBytes(key));
    return stored == null || stored.expired(nowMillis) ? null : stored;
  }

  @Override
  public synchronized boolean remove(RecordKey key) {
    checkOpen();
    byte[] k = keyBytes(key);
    StoredRecord removed = read(k);
    if (removed == null) {
      return false;
    }
    delete(k);
    bytes -= sizeOf(removed.record());
    commitIf(true, null);
    return true;
  }

  /** {@inheritDoc} Also forces the file to the disk (see {@link MvStoreConfig#fsyncEachPut}). */
  @Override
  public synchronized int removeExpired(long nowMillis) {
    checkOpen();
    checkClock(nowMillis);
    List<byte[]> expired = new ArrayList<>();
    try {
      for (Cursor<byte[], byte[]> c = records.cursor(null); c.hasNext(); ) {
        byte[] key = c.next();
        if (expiresAt(c.getValue()) <= nowMillis) {
          expired.add(key);
        }
      }
    } catch (MVStoreException e) {
      throw failed(e);
    }
    for (byte[] key : expired) {
      bytes -= sizeOf(decode(key, delete(key), file).record());
    }
    commitIf(!expired.isEmpty(), null);
    if (!config.fsyncEachPut()) {
      fsync();
    }
    return expired.size();
  }

  @Override
  public synchronized List<StoredRecord> scan(RecordKey afterExclusive, int limit, long nowMillis) {
    checkOpen();
    checkClock(nowMillis);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    List<StoredRecord> out = new ArrayList<>(Math.min(limit, 64));
    byte[] from = afterExclusive == null ? null : keyBytes(afterExclusive);
    try {
      for (Cursor<byte[], byte[]> c = records.cursor(from); c.hasNext() && out.size() < limit; ) {
        byte[] key = c.next();
        if (from != null && Arrays.equals(from, key)) {
          continue;
        }
        byte[] value = c.getValue();
        if (expiresAt(value) > nowMillis) {
          out.add(decode(key, value, file));
        }
      }
    } catch (MVStoreException e) {
      throw failed(e);
    }
    return out;
  }

  @Override
  public synchronized int size() {
    checkOpen();
    return records.size();
  }

  @Override
  public int maxRecords() {
    return config.maxRecords();
  }

  /** Value and salt bytes held, as {@code InMemoryRecordStore#bytes}. */
  public synchronized long bytes() {
    return bytes;
  }

  /** The store file. */
  public Path file() {
    return file;
  }

  /** The settings this store was opened with. */
  public MvStoreConfig config() {
    return config;
  }

  /**
   * Forces everything committed so far to the disk; {@link #removeExpired} and {@link #close} do it
   * too. Without {@link MvStoreConfig#fsyncEachPut}, a daemon may call it on a timer to bound what
   * a power cut can lose.
   */
  public synchronized void sync() {
    checkOpen();
    fsync();
  }

  /**
   * Commits, forces the file to the disk and closes it; the file lock is released. Calling it again
   * does nothing. (No compaction on close: MVStore 2.4.240's chunk moving fails an internal
   * assertion here after many small commits.)
   *
   * @throws RecordStoreException if the last write fails (the file is closed all the same)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      store.close();
    } catch (MVStoreException e) {
      store.closeImmediately();
      throw MvStoreErrors.onWrite(e, file);
    }
  }

  /** Whether {@link #close} was called or a failure closed the store. */
  public synchronized boolean isClosed() {
    return closed || store.isClosed();
  }

  private StoredRecord read(byte[] key) {
    byte[] value;
    try {
      value = records.get(key);
    } catch (MVStoreException e) {
      throw failed(e);
    }
    return value == null ? null : decode(key, value, file);
  }

  private byte[] delete(byte[] key) {
    try {
      return records.remove(key);
    } catch (MVStoreException e) {
      throw failed(e);
    }
  }

  private void write(byte[] key, StoredRecord stored) {
    try {
      records.put(key, RecordCodec.encodeStored(stored));
    } catch (MVStoreException e) {
      throw failed(e);
    }
  }

  /**
   * Commits if {@code changed}, forcing the file to the disk if configured, and returns {@code
   * outcome}. A failed write closes the store and throws, so no outcome is returned for a change
   * that did not reach the file.
   */
  private StoreOutcome commitIf(boolean changed, StoreOutcome outcome) {
    if (!changed) {
      return outcome;
    }
    try {
      store.commit();
      if (config.fsyncEachPut()) {
        fsync();
      }
      if (++commitsSinceCompaction >= COMPACT_EVERY_COMMITS) {
        commitsSinceCompaction = 0;
        compact();
      }
    } catch (MVStoreException e) {
      throw failed(e);
    }
    return outcome;
  }

  /**
   * Rewrites the live pages of sparse chunks into a new one and commits it. The rewritten pages
   * hold data already committed, so this changes no acknowledged state.
   */
  private void compact() {
    if (store.compact(COMPACT_TARGET_FILL_PERCENT, COMPACT_WRITE_BYTES)) {
      store.commit();
      if (config.fsyncEachPut()) {
        fsync();
      }
    }
  }

  private void fsync() {
    try {
      store.sync();
    } catch (MVStoreException e) {
      throw failed(e);
    }
  }

  private RecordStoreException failed(MVStoreException e) {
    closed = true;
    store.closeImmediately();
    return MvStoreErrors.onWrite(e, file);
  }

  private void checkOpen() {
    if (closed || store.isClosed()) {
      closed = true;
      throw new RecordStoreException(
          RecordStoreException.Kind.CLOSED, "record store " + file + " is closed", null);
    }
  }

  private static void checkClock(long nowMillis) {
    if (nowMillis < MIN_EPOCH_MILLIS || nowMillis > MAX_EPOCH_MILLIS) {
      throw new IllegalArgumentException(
          "nowMillis must be milliseconds since the Unix epoch (this store keeps expiry across"
              + " restarts), got "
              + nowMillis);
    }
  }

  private static StoredRecord decode(byte[] key, byte[] value, Path file) {
    try {
      return RecordCodec.decodeStored(value, DhtLimits.MAX_VALUE_BYTES);
    } catch (RecordFormatException e) {
      throw MvStoreErrors.corruptRecord(file, key, e.getMessage());
    }
  }

  /** The expiry at the head of an encoded stored record, without decoding the rest. */
  private static long expiresAt(byte[] value) {
    if (value.length < Long.BYTES) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = v << 8 | (value[i] & 0xff);
    }
    return v;
  }

  private static byte[] keyBytes(RecordKey key) {
    return key.id().bytes();
  }

  private static long sizeOf(Record record) {
    return record.valueLength() + (record instanceof MutableRecord m ? m.saltLength() : 0);
  }
}
