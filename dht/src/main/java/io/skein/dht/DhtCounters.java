package io.skein.dht;

import io.skein.dht.record.RejectReason;

/**
 * Monotonic counters of a {@link Dht} core, for the driver to export as metrics. Read them on the
 * thread that drives the core.
 */
public final class DhtCounters {
  long requestsReceived;
  long requestsRateLimited;
  long repliesReceived;
  long repliesUnmatched;
  long requestsSent;
  long requestTimeouts;
  long requestsNotSent;
  long requestsDroppedPendingFull;
  long contactsAdded;
  long contactsCached;
  long contactsEvicted;
  long contactsRemovedDead;
  long pingsSent;
  long recordsStored;
  long recordsRefreshed;
  long recordsExpired;
  long invalidRecordsReceived;
  long lookupsStarted;
  long lookupsCompleted;
  long putsLevelReached;
  long putsLevelMissed;
  long getsLevelReached;
  long getsLevelMissed;
  long repairsSent;
  long replicationStoresSent;
  long republishes;
  final long[] storesRejected = new long[RejectReason.values().length];

  /** Requests received from peers. */
  public long requestsReceived() {
    return requestsReceived;
  }

  /** Requests dropped because their sender exceeded its rate. */
  public long requestsRateLimited() {
    return requestsRateLimited;
  }

  /** Replies matched to an outstanding request. */
  public long repliesReceived() {
    return repliesReceived;
  }

  /** Replies dropped: unknown or expired rpc id, wrong sender or wrong reply type. */
  public long repliesUnmatched() {
    return repliesUnmatched;
  }

  /** Requests sent. */
  public long requestsSent() {
    return requestsSent;
  }

  /** Requests the driver reported it could not send ({@link Dht#onSendFailed}). */
  public long requestsNotSent() {
    return requestsNotSent;
  }

  /** Requests that got no reply in time. */
  public long requestTimeouts() {
    return requestTimeouts;
  }

  /** Requests not sent because too many were outstanding. */
  public long requestsDroppedPendingFull() {
    return requestsDroppedPendingFull;
  }

  /** Contacts that entered the routing table. */
  public long contactsAdded() {
    return contactsAdded;
  }

  /** Contacts put in a replacement cache because their bucket was full. */
  public long contactsCached() {
    return contactsCached;
  }

  /** Contacts evicted after failed requests. */
  public long contactsEvicted() {
    return contactsEvicted;
  }

  /** Contacts removed because the membership layer declared them dead. */
  public long contactsRemovedDead() {
    return contactsRemovedDead;
  }

  /** Verification pings sent (unknown requesters, questionable contacts). */
  public long pingsSent() {
    return pingsSent;
  }

  /** Records stored (new or replacing) for local puts and peers. */
  public long recordsStored() {
    return recordsStored;
  }

  /** Stores that only refreshed a record's expiry. */
  public long recordsRefreshed() {
    return recordsRefreshed;
  }

  /** Records dropped from the store at expiry. */
  public long recordsExpired() {
    return recordsExpired;
  }

  /** Records received in FIND_VALUE answers that failed validation. */
  public long invalidRecordsReceived() {
    return invalidRecordsReceived;
  }

  /** Stores refused by this node, for {@code reason}. */
  public long storesRejected(RejectReason reason) {
    return storesRejected[reason.ordinal()];
  }

  /** Lookups started (user operations and maintenance). */
  public long lookupsStarted() {
    return lookupsStarted;
  }

  /** Lookups that completed. */
  public long lookupsCompleted() {
    return lookupsCompleted;
  }

  /** Puts (user and republish) that reached their level. */
  public long putsLevelReached() {
    return putsLevelReached;
  }

  /** Puts (user and republish) that missed their level. */
  public long putsLevelMissed() {
    return putsLevelMissed;
  }

  /** Gets that reached their level. */
  public long getsLevelReached() {
    return getsLevelReached;
  }

  /** Gets that missed their level. */
  public long getsLevelMissed() {
    return getsLevelMissed;
  }

  /** STOREs sent to repair stale replicas. */
  public long repairsSent() {
    return repairsSent;
  }

  /** STOREs sent by re-replication sweeps. */
  public long replicationStoresSent() {
    return replicationStoresSent;
  }

  /** Republishing puts started. */
  public long republishes() {
    return republishes;
  }
}
