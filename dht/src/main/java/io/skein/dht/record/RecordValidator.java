package io.skein.dht.record;

import io.skein.crypto.Domain;
import io.skein.crypto.Verifier;
import io.skein.dht.DhtLimits;
import java.util.Objects;

/**
 * Decides whether a record may be stored or believed. Every storing node calls {@link #validate}
 * before {@link RecordStore#put}, and every reader on every record it receives; stores apply {@link
 * #checkReplacement} against what they hold. Checks run cheapest first and the first failure is the
 * reason: salt size, value size, key, signature; then, against the stored record, compare-and-swap
 * and seq (the order of BEP 44).
 */
public final class RecordValidator {
  private final Verifier verifier;
  private final int maxValueBytes;

  /**
   * A validator checking signatures with {@code verifier} and values up to {@code maxValueBytes}.
   *
   * @throws IllegalArgumentException if {@code maxValueBytes} is not in [0, {@link
   *     DhtLimits#MAX_VALUE_BYTES}]
   */
  public RecordValidator(Verifier verifier, int maxValueBytes) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    if (maxValueBytes < 0 || maxValueBytes > DhtLimits.MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "maxValueBytes must be in [0, " + DhtLimits.MAX_VALUE_BYTES + "], got " + maxValueBytes);
    }
    this.maxValueBytes = maxValueBytes;
  }

  /** The largest value this validator accepts, in bytes. */
  public int maxValueBytes() {
    return maxValueBytes;
  }

  /**
   * Whether {@code record} is a valid record living at {@code expectedKey}: sizes within limits,
   * key derived from its content equal to {@code expectedKey}, and for a mutable record a valid BEP
   * 44 signature.
   */
  public ValidationResult validate(RecordKey expectedKey, Record record) {
    if (record instanceof MutableRecord m && m.saltLength() > DhtLimits.MAX_SALT_BYTES) {
      return ValidationResult.reject(RejectReason.SALT_TOO_LARGE);
    }
    if (record.valueLength() > maxValueBytes) {
      return ValidationResult.reject(RejectReason.VALUE_TOO_LARGE);
    }
    if (!record.key().equals(expectedKey)) {
      return ValidationResult.reject(RejectReason.KEY_MISMATCH);
    }
    if (record instanceof MutableRecord m) {
      byte[] signed = Bep44.signedBytes(m.saltRef(), m.seq(), m.valueRef());
      if (!verifier.verify(
          m.publicKey(), Domain.BEP44, signed, 0, signed.length, m.signatureRef(), 0)) {
        return ValidationResult.reject(RejectReason.BAD_SIGNATURE);
      }
    }
    return ValidationResult.VALID;
  }

  /**
   * What storing {@code incoming} over {@code existing} (the unexpired record at the same key, or
   * {@code null}) does, given a compare-and-swap seq {@code cas} ({@link MutableRecord#NO_CAS} for
   * none). The record itself must already have passed {@link #validate}.
   *
   * <ul>
   *   <li>nothing stored (or an immutable record squatting at a mutable key): {@code STORED} or
   *       {@code REPLACED}; a CAS against nothing passes, as in libtorrent;
   *   <li>immutable over immutable: {@code REFRESHED} (same key, same value);
   *   <li>immutable over mutable: {@code KIND_CONFLICT};
   *   <li>mutable over mutable: {@code CAS_MISMATCH} if {@code cas} is given and differs from the
   *       stored seq; {@code SEQ_TOO_LOW} if the seq is lower, or equal with another value; {@code
   *       REFRESHED} if equal with the same value; else {@code REPLACED}.
   * </ul>
   */
  public static StoreOutcome checkReplacement(Record incoming, StoredRecord existing, long cas) {
    Record old = existing == null ? null : existing.record();
    if (incoming instanceof ImmutableRecord) {
      if (old == null) {
        return StoreOutcome.STORED;
      }
      return old instanceof ImmutableRecord
          ? StoreOutcome.REFRESHED
          : StoreOutcome.rejected(RejectReason.KIND_CONFLICT);
    }
    MutableRecord m = (MutableRecord) incoming;
    if (!(old instanceof MutableRecord stored)) {
      return old == null ? StoreOutcome.STORED : StoreOutcome.REPLACED;
    }
    if (cas != MutableRecord.NO_CAS && cas != stored.seq()) {
      return StoreOutcome.rejected(RejectReason.CAS_MISMATCH);
    }
    if (m.seq() < stored.seq()) {
      return StoreOutcome.rejected(RejectReason.SEQ_TOO_LOW);
    }
    if (m.seq() == stored.seq()) {
      return m.sameValue(stored)
          ? StoreOutcome.REFRESHED
          : StoreOutcome.rejected(RejectReason.SEQ_TOO_LOW);
    }
    return StoreOutcome.REPLACED;
  }
}
