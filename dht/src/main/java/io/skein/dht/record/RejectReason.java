package io.skein.dht.record;

/**
 * Why a record was refused, by a storing node or by a reader. Each has a stable wire {@link
 * #code()} (append-only: never renumber, only add).
 */
public enum RejectReason {
  /** The mutable record's signature does not verify under its public key (BEP 44 error 206). */
  BAD_SIGNATURE(1),
  /** The seq is below the stored one, or equal with a different value (BEP 44 error 302). */
  SEQ_TOO_LOW(2),
  /** The put's compare-and-swap seq is not the stored record's seq (BEP 44 error 301). */
  CAS_MISMATCH(3),
  /** The value is longer than the node's limit (BEP 44 error 205). */
  VALUE_TOO_LARGE(4),
  /** The salt is longer than 64 bytes (BEP 44 error 207). */
  SALT_TOO_LARGE(5),
  /** The record does not live at the key it was asked for or sent under. */
  KEY_MISMATCH(6),
  /** An immutable record may not replace the mutable record stored at the same key. */
  KIND_CONFLICT(7),
  /** The node holds as many records (or bytes) as it is willing to. */
  STORE_FULL(8),
  /** The requested time-to-live is not in (0, {@code DhtLimits.MAX_TTL_MILLIS}]. */
  BAD_TTL(9);

  private final int code;

  RejectReason(int code) {
    this.code = code;
  }

  /** The stable number that stands for this reason on the wire. */
  public int code() {
    return code;
  }

  /** The reason with this wire code, or {@code null} if none has it. */
  public static RejectReason fromCode(int code) {
    for (RejectReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }
}
