package io.skein.dht.record;

import java.util.Objects;

/**
 * What a {@link RecordStore#put} did.
 *
 * @param status accepted how, or rejected
 * @param reason why it was rejected; {@code null} unless {@code status} is {@link Status#REJECTED}
 */
public record StoreOutcome(Status status, RejectReason reason) {
  /** The kinds of outcome. */
  public enum Status {
    /** Nothing was stored at the key; the record now is. */
    STORED,
    /** The record superseded the stored one (higher seq). */
    REPLACED,
    /** The same record was stored already; its expiry moved later (never earlier). */
    REFRESHED,
    /** The store refused the record; see {@link StoreOutcome#reason()}. */
    REJECTED
  }

  /** A new record at its key. */
  public static final StoreOutcome STORED = new StoreOutcome(Status.STORED, null);

  /** A newer version of the stored record. */
  public static final StoreOutcome REPLACED = new StoreOutcome(Status.REPLACED, null);

  /** The stored record, again. */
  public static final StoreOutcome REFRESHED = new StoreOutcome(Status.REFRESHED, null);

  /** Checks that a reason comes with, and only with, a rejection. */
  public StoreOutcome {
    Objects.requireNonNull(status, "status");
    if ((status == Status.REJECTED) != (reason != null)) {
      throw new IllegalArgumentException("a reason goes with REJECTED and only with it");
    }
  }

  /** A rejection for {@code reason}. */
  public static StoreOutcome rejected(RejectReason reason) {
    return new StoreOutcome(Status.REJECTED, Objects.requireNonNull(reason, "reason"));
  }

  /** Whether the record is now stored (new, replaced or refreshed). */
  public boolean accepted() {
    return status != Status.REJECTED;
  }
}
