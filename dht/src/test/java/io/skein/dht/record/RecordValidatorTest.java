package io.skein.dht.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Ed25519;
import io.skein.crypto.KeyPair;
import io.skein.dht.DhtLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every reject reason of the validator and the replacement rules, one at a time. */
class RecordValidatorTest {
  static final KeyPair OWNER = KeyPair.fromSeed(seed(1));
  static final KeyPair OTHER = KeyPair.fromSeed(seed(2));
  static final byte[] SALT = bytes("salt");

  private final RecordValidator validator = new RecordValidator(Ed25519.VERIFIER, 1024);

  static byte[] seed(int n) {
    byte[] s = new byte[32];
    s[0] = (byte) n;
    return s;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static StoredRecord stored(Record r) {
    return new StoredRecord(r, 1_000);
  }

  @Test
  void signedMutableRecordIsValid() {
    MutableRecord r = MutableRecord.sign(OWNER, SALT, 7, bytes("v"));
    assertThat(validator.validate(RecordKey.ofMutable(OWNER.publicKey(), SALT), r).valid())
        .isTrue();
  }

  @Test
  void immutableRecordIsValidAtTheHashOfItsValue() {
    ImmutableRecord r = ImmutableRecord.of(bytes("hello"));
    assertThat(validator.validate(RecordKey.ofImmutable(bytes("hello")), r).valid()).isTrue();
  }

  @Test
  void signatureByAnotherKeyIsBadSignature() {
    MutableRecord signedByOther = MutableRecord.sign(OTHER, SALT, 1, bytes("v"));
    MutableRecord forged =
        MutableRecord.of(OWNER.publicKey(), SALT, 1, bytes("v"), signedByOther.signature());
    assertThat(validator.validate(forged.key(), forged).reason())
        .isEqualTo(RejectReason.BAD_SIGNATURE);
  }

  @Test
  void saltOverSixtyFourBytesIsSaltTooLarge() {
    byte[] salt = new byte[DhtLimits.MAX_SALT_BYTES + 1];
    MutableRecord r = MutableRecord.sign(OWNER, salt, 1, bytes("v"));
    assertThat(validator.validate(r.key(), r).reason()).isEqualTo(RejectReason.SALT_TOO_LARGE);
    MutableRecord ok = MutableRecord.sign(OWNER, new byte[DhtLimits.MAX_SALT_BYTES], 1, bytes("v"));
    assertThat(validator.validate(ok.key(), ok).valid()).isTrue();
  }

  @Test
  void valueOverTheLimitIsValueTooLarge() {
    ImmutableRecord big = ImmutableRecord.of(new byte[1025]);
    assertThat(validator.validate(big.key(), big).reason()).isEqualTo(RejectReason.VALUE_TOO_LARGE);
    MutableRecord bigMutable = MutableRecord.sign(OWNER, SALT, 1, new byte[1025]);
    assertThat(validator.validate(bigMutable.key(), bigMutable).reason())
        .isEqualTo(RejectReason.VALUE_TOO_LARGE);
    ImmutableRecord fits = ImmutableRecord.of(new byte[1024]);
    assertThat(validator.validate(fits.key(), fits).valid()).isTrue();
  }

  @Test
  void immutableRecordAtAnotherKeyIsKeyMismatch() {
    ImmutableRecord r = ImmutableRecord.of(bytes("hello"));
    assertThat(validator.validate(RecordKey.ofImmutable(bytes("other")), r).reason())
        .isEqualTo(RejectReason.KEY_MISMATCH);
  }

  @Test
  void mutableRecordUnderAnotherSaltIsKeyMismatch() {
    MutableRecord r = MutableRecord.sign(OWNER, SALT, 1, bytes("v"));
    assertThat(validator.validate(RecordKey.ofMutable(OWNER.publicKey(), bytes("x")), r).reason())
        .isEqualTo(RejectReason.KEY_MISMATCH);
  }

  @Test
  void lowerSeqIsSeqTooLow() {
    MutableRecord old = MutableRecord.sign(OWNER, SALT, 5, bytes("a"));
    MutableRecord older = MutableRecord.sign(OWNER, SALT, 4, bytes("b"));
    assertThat(RecordValidator.checkReplacement(older, stored(old), MutableRecord.NO_CAS).reason())
        .isEqualTo(RejectReason.SEQ_TOO_LOW);
  }

  @Test
  void equalSeqWithAnotherValueIsSeqTooLow() {
    MutableRecord a = MutableRecord.sign(OWNER, SALT, 5, bytes("a"));
    MutableRecord b = MutableRecord.sign(OWNER, SALT, 5, bytes("b"));
    assertThat(RecordValidator.checkReplacement(b, stored(a), MutableRecord.NO_CAS).reason())
        .isEqualTo(RejectReason.SEQ_TOO_LOW);
  }

  @Test
  void equalSeqWithEqualValueRefreshes() {
    MutableRecord a = MutableRecord.sign(OWNER, SALT, 5, bytes("a"));
    MutableRecord again = MutableRecord.sign(OWNER, SALT, 5, bytes("a"));
    assertThat(RecordValidator.checkReplacement(again, stored(a), MutableRecord.NO_CAS))
        .isEqualTo(StoreOutcome.REFRESHED);
  }

  @Test
  void higherSeqReplaces() {
    MutableRecord a = MutableRecord.sign(OWNER, SALT, 5, bytes("a"));
    MutableRecord b = MutableRecord.sign(OWNER, SALT, 6, bytes("b"));
    assertThat(RecordValidator.checkReplacement(b, stored(a), MutableRecord.NO_CAS))
        .isEqualTo(StoreOutcome.REPLACED);
  }

  @Test
  void casOtherThanTheStoredSeqIsCasMismatch() {
    MutableRecord a = MutableRecord.sign(OWNER, SALT, 5, bytes("a"));
    MutableRecord b = MutableRecord.sign(OWNER, SALT, 6, bytes("b"));
    assertThat(RecordValidator.checkReplacement(b, stored(a), 4).reason())
        .isEqualTo(RejectReason.CAS_MISMATCH);
    assertThat(RecordValidator.checkReplacement(b, stored(a), 5)).isEqualTo(StoreOutcome.REPLACED);
  }

  @Test
  void casIsCheckedBeforeSeq() {
    MutableRecord a = MutableRecord.sign(OWNER, SALT, 5, bytes("a"));
    MutableRecord lower = MutableRecord.sign(OWNER, SALT, 3, bytes("b"));
    assertThat(RecordValidator.checkReplacement(lower, stored(a), 9).reason())
        .isEqualTo(RejectReason.CAS_MISMATCH);
  }

  @Test
  void casAgainstNothingStoredPasses() {
    MutableRecord b = MutableRecord.sign(OWNER, SALT, 6, bytes("b"));
    assertThat(RecordValidator.checkReplacement(b, null, 4)).isEqualTo(StoreOutcome.STORED);
  }

  @Test
  void immutableRecordCannotReplaceAMutableOneAtTheSameKey() {
    // An immutable record whose value is publicKey || salt hashes to the mutable key.
    byte[] squat = new byte[32 + SALT.length];
    OWNER.publicKey().copyTo(squat, 0);
    System.arraycopy(SALT, 0, squat, 32, SALT.length);
    ImmutableRecord squatter = ImmutableRecord.of(squat);
    MutableRecord real = MutableRecord.sign(OWNER, SALT, 1, bytes("v"));
    assertThat(squatter.key()).isEqualTo(real.key());
    assertThat(
            RecordValidator.checkReplacement(squatter, stored(real), MutableRecord.NO_CAS).reason())
        .isEqualTo(RejectReason.KIND_CONFLICT);
    assertThat(RecordValidator.checkReplacement(real, stored(squatter), MutableRecord.NO_CAS))
        .isEqualTo(StoreOutcome.REPLACED);
    assertThat(Record.isNewer(real, squatter)).isTrue();
    assertThat(Record.isNewer(squatter, real)).isFalse();
  }

  @Test
  void rejectReasonCodesAreDistinctAndRoundTrip() {
    for (RejectReason r : RejectReason.values()) {
      assertThat(RejectReason.fromCode(r.code())).isEqualTo(r);
    }
    assertThat(RejectReason.fromCode(0)).isNull();
  }
}
