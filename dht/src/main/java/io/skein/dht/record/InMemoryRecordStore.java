package io.skein.dht.record;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A {@link RecordStore} in a sorted map, bounded by a record count and by total value bytes. Not
 * thread-safe: the DHT core owns it.
 */
public final class InMemoryRecordStore implements RecordStore {
  private final int maxRecords;
  private final long maxBytes;
  private final TreeMap<RecordKey, StoredRecord> records = new TreeMap<>();
  private long bytes;

  /**
   * A store holding at most {@code maxRecords} records and {@code maxBytes} bytes of values and
   * salts.
   */
  public InMemoryRecordStore(int maxRecords, long maxBytes) {
    if (maxRecords < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
  }

  @Override
  public StoreOutcome put(Record record, long cas, long ttlMillis, long nowMillis) {
    RecordKey key = record.key();
    StoredRecord existing = records.get(key);
    if (existing != null && existing.expired(nowMillis)) {
      remove(key);
      existing = null;
    }
    StoreOutcome outcome = RecordValidator.checkReplacement(record, existing, cas);
    if (!outcome.accepted()) {
      return outcome;
    }
    long expiresAt = nowMillis + ttlMillis;
    if (existing != null) {
      expiresAt = Math.max(expiresAt, existing.expiresAtMillis());
    }
    if (outcome.status() == StoreOutcome.Status.REFRESHED) {
      records.put(key, new StoredRecord(existing.record(), expiresAt));
      return outcome;
    }
    long oldBytes = existing == null ? 0 : sizeOf(existing.record());
    long newBytes = sizeOf(record);
    if ((existing == null && records.size() >= maxRecords)
        || bytes - oldBytes + newBytes > maxBytes) {
      return StoreOutcome.rejected(RejectReason.STORE_FULL);
    }
    records.put(key, new StoredRecord(record, expiresAt));
    bytes += newBytes - oldBytes;
    return outcome;
  }

  @Override
  public StoredRecord get(RecordKey key, long nowMillis) {
    StoredRecord stored = records.get(key);
    return stored == null || stored.expired(nowMillis) ? null : stored;
  }

  @Override
  public boolean remove(RecordKey key) {
    StoredRecord removed = records.remove(key);
    if (removed != null) {
      bytes -= sizeOf(removed.record());
    }
    return removed != null;
  }

  @Override
  public int removeExpired(long nowMillis) {
    int removed = 0;
    for (Iterator<Map.Entry<RecordKey, StoredRecord>> it = records.entrySet().iterator();
        it.hasNext(); ) {
      StoredRecord stored = it.next().getValue();
      if (stored.expired(nowMillis)) {
        it.remove();
        bytes -= sizeOf(stored.record());
        removed++;
      }
    }
    return removed;
  }

  @Override
  public List<StoredRecord> scan(RecordKey afterExclusive, int limit, long nowMillis) {
    NavigableMap<RecordKey, StoredRecord> tail =
        afterExclusive == null ? records : records.tailMap(afterExclusive, false);
    List<StoredRecord> out = new ArrayList<>(Math.min(limit, 64));
    for (StoredRecord stored : tail.values()) {
      if (out.size() >= limit) {
        break;
      }
      if (!stored.expired(nowMillis)) {
        out.add(stored);
      }
    }
    return out;
  }

  @Override
  public int size() {
    return records.size();
  }

  @Override
  public int maxRecords() {
    return maxRecords;
  }

  /** Value and salt bytes held. */
  public long bytes() {
    return bytes;
  }

  private static long sizeOf(Record record) {
    return record.valueLength() + (record instanceof MutableRecord m ? m.saltLength() : 0);
  }
}
