package io.skein.crypto;

/**
 * Checks signatures. Implementations never throw on malformed input (a short signature, a key that
 * is not a curve point): they return {@code false}.
 */
public interface Verifier {
  /**
   * Whether {@code signature[sigOffset, sigOffset + 64)} is {@code key}'s signature of {@code
   * message[offset, offset + length)} for {@code domain}.
   */
  boolean verify(
      PublicKey key,
      Domain domain,
      byte[] message,
      int offset,
      int length,
      byte[] signature,
      int sigOffset);

  /** Whole-array form of {@link #verify(PublicKey, Domain, byte[], int, int, byte[], int)}. */
  default boolean verify(PublicKey key, Domain domain, byte[] message, byte[] signature) {
    if (message == null || signature == null || signature.length != Signer.SIGNATURE_BYTES) {
      return false;
    }
    return verify(key, domain, message, 0, message.length, signature, 0);
  }
}
