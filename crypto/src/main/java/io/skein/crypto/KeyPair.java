package io.skein.crypto;

import java.security.SecureRandom;

/**
 * An Ed25519 identity: the 32-byte secret seed and its public key. It signs through {@link Signer};
 * see {@link KeyFile} for keeping one on disk.
 */
public final class KeyPair implements Signer {
  private final byte[] seed;
  private final byte[] publicKeyBytes;
  private final PublicKey publicKey;

  private KeyPair(byte[] seed) {
    this.seed = seed;
    this.publicKeyBytes = Ed25519.publicKeyOf(seed);
    this.publicKey = PublicKey.of(publicKeyBytes);
  }

  /** A new random identity. */
  public static KeyPair generate(SecureRandom random) {
    return new KeyPair(Ed25519.newSeed(random));
  }

  /** A new identity from a fresh {@link SecureRandom}. */
  public static KeyPair generate() {
    return generate(new SecureRandom());
  }

  /**
   * The identity with this RFC 8032 secret seed (copied).
   *
   * @throws IllegalArgumentException if the seed is not 32 bytes
   */
  public static KeyPair fromSeed(byte[] seed) {
    if (seed == null || seed.length != Ed25519.SEED_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 seed is 32 bytes, got " + (seed == null ? "null" : seed.length));
    }
    return new KeyPair(seed.clone());
  }

  /** A copy of the secret seed: handle with care. */
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  /** This identity's node id, SHA-256(public key). */
  public NodeId nodeId() {
    return publicKey.nodeId();
  }

  @Override
  public void sign(
      Domain domain, byte[] message, int offset, int length, byte[] out, int outOffset) {
    Ed25519.sign(seed, publicKeyBytes, domain, message, offset, length, out, outOffset);
  }

  @Override
  public String toString() {
    return "KeyPair(" + publicKey.nodeId().shortId() + ")";
  }
}
