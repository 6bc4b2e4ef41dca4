package io.skein.node.store;

import io.skein.dht.DhtLimits;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link MvStoreRecordStore}. Start from {@link #defaults} (survives kill -9) or
 * {@link #powerLossSafe} (also survives a power cut, at about a tenth of the put rate), then
 * adjust.
 *
 * <p>Every accepted put is committed (written to the file through the operating system) before
 * {@code put} returns, in both presets: a killed process loses nothing it acknowledged. They differ
 * in when the file is forced to the disk ({@code fsync}), which only matters when the machine
 * itself stops.
 *
 * @param file the store file; its directory must exist. Default: none, the caller names it (the
 *     daemon uses {@code <data dir>/records.mv})
 * @param maxRecords most records held, as {@link io.skein.dht.record.RecordStore#maxRecords}.
 *     Default {@link DhtLimits#DEFAULT_MAX_RECORDS_PER_NODE} = 16,384
 * @param maxBytes most value and salt bytes held. Default {@link
 *     DhtLimits#DEFAULT_MAX_STORED_BYTES} = 256 MiB
 * @param fsyncEachPut whether every accepted put also forces the file to the disk before it
 *     returns. Default {@code false}: the file is forced at most every {@code fsyncIntervalMillis},
 *     by the first write after that interval, by {@link MvStoreRecordStore#sync} and by close; a
 *     power cut can lose the puts acknowledged since the last force (the OS writes them back within
 *     about 30 s by itself) but never damages the file
 * @param fsyncIntervalMillis how long writes may wait for a force when {@code fsyncEachPut} is off.
 *     Default 1,000 ms (as Redis' {@code appendfsync everysec}); in [1, {@link
 *     #MAX_FSYNC_INTERVAL_MILLIS}]
 * @param cacheSizeMb MVStore's page cache, in MiB. Default 16 (MVStore's own default), enough for
 *     the pages of 16,384 small records; in [1, {@link #MAX_CACHE_SIZE_MB}]
 */
public record MvStoreConfig(
    Path file,
    int maxRecords,
    long maxBytes,
    boolean fsyncEachPut,
    long fsyncIntervalMillis,
    int cacheSizeMb) {

  /** Longest {@code fsyncIntervalMillis}: one minute. */
  public static final long MAX_FSYNC_INTERVAL_MILLIS = 60_000;

  /** Largest page cache: 1 GiB. */
  public static final int MAX_CACHE_SIZE_MB = 1_024;

  /**
   * Slack added to the chunk retention for the two clocks involved (MVStore's wall clock and the
   * store's monotonic one): 1 s.
   */
  static final long RETENTION_SLACK_MILLIS = 1_000;

  /** Checks every field. */
  public MvStoreConfig {
    Objects.requireNonNull(file, "file");
    if (maxRecords < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("maxRecords and maxBytes must not be negative");
    }
    if (fsyncIntervalMillis < 1 || fsyncIntervalMillis > MAX_FSYNC_INTERVAL_MILLIS) {
      throw new IllegalArgumentException(
          "fsyncIntervalMillis must be in [1, " + MAX_FSYNC_INTERVAL_MILLIS + "]");
    }
    if (cacheSizeMb < 1 || cacheSizeMb > MAX_CACHE_SIZE_MB) {
      throw new IllegalArgumentException("cacheSizeMb must be in [1, " + MAX_CACHE_SIZE_MB + "]");
    }
  }

  /** The defaults above for {@code file}: every put committed, the file forced every 500 ms. */
  public static MvStoreConfig defaults(Path file) {
    return new MvStoreConfig(
        file,
        DhtLimits.DEFAULT_MAX_RECORDS_PER_NODE,
        DhtLimits.DEFAULT_MAX_STORED_BYTES,
        false,
        500,
        16);
  }

  /** The defaults, but every put forced to the disk before it returns. */
  public static MvStoreConfig powerLossSafe(Path file) {
    return defaults(file).withFsyncEachPut(true);
  }

  /** A copy holding at most {@code maxRecords} records and {@code maxBytes} bytes. */
  public MvStoreConfig withLimits(int maxRecords, long maxBytes) {
    return new MvStoreConfig(
        file, maxRecords, maxBytes, fsyncEachPut, fsyncIntervalMillis, cacheSizeMb);
  }

  /** A copy with {@code fsyncEachPut} set. */
  public MvStoreConfig withFsyncEachPut(boolean fsyncEachPut) {
    return new MvStoreConfig(
        file, maxRecords, maxBytes, fsyncEachPut, fsyncIntervalMillis, cacheSizeMb);
  }

  /** A copy with {@code fsyncIntervalMillis} set. */
  public MvStoreConfig withFsyncIntervalMillis(long fsyncIntervalMillis) {
    return new MvStoreConfig(
        file, maxRecords, maxBytes, fsyncEachPut, fsyncIntervalMillis, cacheSizeMb);
  }

  /**
   * How long MVStore keeps a chunk that no longer holds live data before it may write over it:
   * {@code 0} with {@code fsyncEachPut} (the version that freed it is on disk already), else {@code
   * 2 * fsyncIntervalMillis + 2 s} = 4 s, so the store has forced that version to the disk before
   * the old chunk is overwritten and a power cut leaves a consistent file. (MVStore's own default,
   * 45 s, makes the file grow by about 32 KB per put for 45 s under a steady write load.)
   */
  public long chunkRetentionMillis() {
    return fsyncEachPut ? 0 : 2 * fsyncIntervalMillis + RETENTION_SLACK_MILLIS;
  }
}
