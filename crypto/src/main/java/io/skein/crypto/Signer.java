package io.skein.crypto;

/**
 * Signs on behalf of one identity. The protocol cores sign through this interface so that the
 * simulator can substitute a cheap deterministic stand-in for Ed25519.
 */
public interface Signer {
  /** Size of every signature this project produces, in bytes (Ed25519). */
  int SIGNATURE_BYTES = 64;

  /** The key that verifies this signer's signatures. */
  PublicKey publicKey();

  /** Signs {@code message[offset, offset + length)} for {@code domain}, writing 64 bytes to out. */
  void sign(Domain domain, byte[] message, int offset, int length, byte[] out, int outOffset);

  /** Signs a whole message for {@code domain} and returns the 64-byte signature. */
  default byte[] sign(Domain domain, byte[] message) {
    byte[] signature = new byte[SIGNATURE_BYTES];
    sign(domain, message, 0, message.length, signature, 0);
    return signature;
  }
}
