package io.skein.node.store;

import io.skein.dht.DhtLimits;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link MvStoreRecordStore}. Start from {@link #defaults} (survives kill -9) or
 * {@link #powerLossSafe} (also survives a power cut, at a fraction of the put rate), then adjust.
 *
 * <p>In both presets every accepted put is committed, that is written to the file through the
 * operating system, before {@code put} returns: a killed process loses nothing it acknowledged.
 * They differ in whether each put is also forced to the disk ({@code fsync}), which only matters
 * when the machine itself stops.
 *
 * @param file the store file; its directory must exist. Default: none, the caller names it (the
 *     daemon would use {@code <data dir>/records.mv})
 * @param maxRecords most records held, as {@link io.skein.dht.record.RecordStore#maxRecords}.
 *     Default {@link DhtLimits#DEFAULT_MAX_RECORDS_PER_NODE} = 16,384
 * @param maxBytes most value and salt bytes held. Default {@link
 *     DhtLimits#DEFAULT_MAX_STORED_BYTES} = 256 MiB
 * @param fsyncEachPut whether every accepted put is also forced to the disk before it returns.
 *     Default {@code false}: the file is forced only by {@link MvStoreRecordStore#sync}, {@link
 *     MvStoreRecordStore#removeExpired} (the DHT's periodic sweep) and close, and the operating
 *     system writes the rest back by itself (Linux: within about 30 s). A power cut or kernel crash
 *     can then lose recent puts, and can leave the file damaged, in which case the next open
 *     refuses it ({@link RecordStoreException.Kind#CORRUPT}); {@code true} survives both
 * @param cacheSizeMb MVStore's page cache, in MiB. Default 16 (MVStore's own default), room for the
 *     pages of 16,384 small records; in [1, {@link #MAX_CACHE_SIZE_MB}]
 */
public record MvStoreConfig(
    Path file, int maxRecords, long maxBytes, boolean fsyncEachPut, int cacheSizeMb) {

  /** Largest page cache: 1 GiB. */
  public static final int MAX_CACHE_SIZE_MB = 1_024;

  /** Checks every field. */
  public MvStoreConfig {
    Objects.requireNonNull(file, "file");
    if (maxRecords < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("maxRecords and maxBytes must not be negative");
    }
    if (cacheSizeMb < 1 || cacheSizeMb > MAX_CACHE_SIZE_MB) {
      throw new IllegalArgumentException("cacheSizeMb must be in [1, " + MAX_CACHE_SIZE_MB + "]");
    }
  }

  /** The defaults above for {@code file}: every put committed, not forced to the disk. */
  public static MvStoreConfig defaults(Path file) {
    return new MvStoreConfig(
        file,
        DhtLimits.DEFAULT_MAX_RECORDS_PER_NODE,
        DhtLimits.DEFAULT_MAX_STORED_BYTES,
        false,
        16);
  }

  /** The defaults, but every put forced to the disk before it returns. */
  public static MvStoreConfig powerLossSafe(Path file) {
    return defaults(file).withFsyncEachPut(true);
  }

  /** A copy holding at most {@code maxRecords} records and {@code maxBytes} bytes. */
  public MvStoreConfig withLimits(int maxRecords, long maxBytes) {
    return new MvStoreConfig(file, maxRecords, maxBytes, fsyncEachPut, cacheSizeMb);
  }

  /** A copy with {@code fsyncEachPut} set. */
  public MvStoreConfig withFsyncEachPut(boolean fsyncEachPut) {
    return new MvStoreConfig(file, maxRecords, maxBytes, fsyncEachPut, cacheSizeMb);
  }
}
