package io.skein.dht.record;

import io.skein.crypto.Domain;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record its owner can update: it lives at SHA-256(public key || salt), carries a sequence number
 * that only grows, and the owner's plain Ed25519 signature ({@link Domain#BEP44}) over {@link
 * Bep44#signedBytes}. Salt and value lengths are not checked here, so that a too-large record
 * received from a peer can be represented and rejected with its own reason by {@link
 * RecordValidator}.
 */
public final class MutableRecord implements Record {
  /** The {@code cas} argument that means "no compare-and-swap". */
  public static final long NO_CAS = -1;

  private final PublicKey publicKey;
  private final byte[] salt;
  private final long seq;
  private final byte[] value;
  private final byte[] signature;
  private volatile RecordKey key;

  private MutableRecord(PublicKey publicKey, byte[] salt, long seq, byte[] value, byte[] sig) {
    this.publicKey = publicKey;
    this.salt = salt;
    this.seq = seq;
    this.value = value;
    this.signature = sig;
  }

  /**
   * A record with these fields (arrays copied), signed or not: it is only trusted after {@link
   * RecordValidator#validate}.
   *
   * @throws IllegalArgumentException if {@code seq} is negative or the signature is not 64 bytes
   */
  public static MutableRecord of(
      PublicKey publicKey, byte[] salt, long seq, byte[] value, byte[] signature) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(signature, "signature");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, got " + seq);
    }
    if (signature.length != Signer.SIGNATURE_BYTES) {
      throw new IllegalArgumentException("a signature is 64 bytes, got " + signature.length);
    }
    return new MutableRecord(publicKey, salt.clone(), seq, value.clone(), signature.clone());
  }

  /**
   * Signs a new record with {@code signer}'s key ({@link Domain#BEP44}).
   *
   * @throws IllegalArgumentException if {@code seq} is negative
   */
  public static MutableRecord sign(Signer signer, byte[] salt, long seq, byte[] value) {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, got " + seq);
    }
    byte[] signature = signer.sign(Domain.BEP44, Bep44.signedBytes(salt, seq, value));
    return new MutableRecord(signer.publicKey(), salt.clone(), seq, value.clone(), signature);
  }

  /** The owner's key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** A copy of the salt (empty when none). */
  public byte[] salt() {
    return salt.clone();
  }

  /** Length of the salt in bytes. */
  public int saltLength() {
    return salt.length;
  }

  /** The sequence number: a later version of the record has a higher one. */
  public long seq() {
    return seq;
  }

  /** A copy of the 64-byte signature. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The bytes the signature covers ({@link Bep44#signedBytes}). */
  public byte[] signedBytes() {
    return Bep44.signedBytes(salt, seq, value);
  }

  @Override
  public RecordKey key() {
    RecordKey k = key;
    if (k == null) {
      k = RecordKey.ofMutable(publicKey, salt);
      key = k;
    }
    return k;
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public int valueLength() {
    return value.length;
  }

  /** Whether the value bytes equal {@code other}'s. */
  public boolean sameValue(MutableRecord other) {
    return Arrays.equals(value, other.value);
  }

  int compareValue(MutableRecord other) {
    return Arrays.compareUnsigned(value, other.value);
  }

  byte[] saltRef() {
    return salt;
  }

  byte[] valueRef() {
    return value;
  }

  byte[] signatureRef() {
    return signature;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MutableRecord other
        && seq == other.seq
        && publicKey.equals(other.publicKey)
        && Arrays.equals(salt, other.salt)
        && Arrays.equals(value, other.value)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(publicKey, Long.hashCode(seq), Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "MutableRecord(" + key() + ", seq " + seq + ", " + value.length + " bytes)";
  }
}
