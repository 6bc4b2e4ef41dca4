package io.skein.dht.record;

/**
 * What {@link RecordValidator#validate} found: valid, or the one reason the record is not.
 *
 * @param reason why the record is invalid, {@code null} when it is valid
 */
public record ValidationResult(RejectReason reason) {
  /** The result for a valid record. */
  public static final ValidationResult VALID = new ValidationResult(null);

  /** The result for a record rejected for {@code reason}. */
  public static ValidationResult reject(RejectReason reason) {
    return new ValidationResult(java.util.Objects.requireNonNull(reason, "reason"));
  }

  /** Whether the record is valid. */
  public boolean valid() {
    return reason == null;
  }
}
