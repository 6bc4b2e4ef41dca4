package io.skein.dht.record;

import java.util.List;

/**
 * Where a node keeps the records it holds for the network. Time is the store's millisecond clock,
 * always passed in ({@code nowMillis}); the DHT core passes its {@code nowNanos / 1_000_000}. A
 * persistent store should be driven on an epoch-based clock so expiry survives restarts.
 *
 * <p>Contract for implementations: {@link #put} is called only with records that passed {@link
 * RecordValidator#validate}; it applies {@link RecordValidator#checkReplacement} against the
 * unexpired record at the same key and the store's capacity, atomically. An accepted record expires
 * at {@code max(current expiry, nowMillis + ttlMillis)}: a refresh never shortens a record's life.
 * Expired records are invisible to {@link #get} and {@link #scan} even before {@link
 * #removeExpired} drops them.
 */
public interface RecordStore {
  /**
   * Stores {@code record} for {@code ttlMillis} unless the replacement rules or the capacity forbid
   * it.
   *
   * @param cas the seq the stored mutable record must have, or {@link MutableRecord#NO_CAS}
   */
  StoreOutcome put(Record record, long cas, long ttlMillis, long nowMillis);

  /** The unexpired record at {@code key}, or {@code null}. */
  StoredRecord get(RecordKey key, long nowMillis);

  /** Removes the record at {@code key}; whether there was one. */
  boolean remove(RecordKey key);

  /** Drops every record expired at {@code nowMillis}; returns how many. */
  int removeExpired(long nowMillis);

  /**
   * Up to {@code limit} unexpired records with keys after {@code afterExclusive} ({@code null}:
   * from the first), in key order: the cursor for republishing and re-replication sweeps.
   */
  List<StoredRecord> scan(RecordKey afterExclusive, int limit, long nowMillis);

  /** Records held, expired or not yet removed. */
  int size();

  /** The most records this store accepts; {@code put} beyond it answers {@code STORE_FULL}. */
  int maxRecords();
}
