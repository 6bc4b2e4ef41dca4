package io.skein.gossip;

import io.skein.crypto.Domain;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Sha256;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A cheap stand-in for Ed25519 in large test clusters: a signature is SHA-256(secret, domain,
 * message), checked against the secret registered for the key. Forgeries still fail: a signer only
 * knows its own secret. Not a signature scheme: tests only.
 */
final class FastCrypto implements Verifier {
  private final Map<PublicKey, byte[]> secrets = new HashMap<>();

  Signer newSigner(RandomGenerator random) {
    byte[] pub = new byte[32];
    byte[] secret = new byte[32];
    random.nextBytes(pub);
    random.nextBytes(secret);
    PublicKey key = PublicKey.of(pub);
    secrets.put(key, secret);
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return key;
      }

      @Override
      public void sign(
          Domain domain, byte[] message, int offset, int length, byte[] out, int outOffset) {
        byte[] mac = mac(secret, domain, message, offset, length);
        System.arraycopy(mac, 0, out, outOffset, 32);
        Arrays.fill(out, outOffset + 32, outOffset + 64, (byte) 0x5a);
      }
    };
  }

  @Override
  public boolean verify(
      PublicKey key,
      Domain domain,
      byte[] message,
      int offset,
      int length,
      byte[] signature,
      int sigOffset) {
    byte[] secret = secrets.get(key);
    if (secret == null || signature == null || signature.length - sigOffset < 64) {
      return false;
    }
    byte[] mac = mac(secret, domain, message, offset, length);
    return Arrays.equals(mac, 0, 32, signature, sigOffset, sigOffset + 32);
  }

  private static byte[] mac(byte[] secret, Domain domain, byte[] message, int offset, int len) {
    return Sha256.hash(
        secret,
        new byte[] {(byte) domain.ordinal()},
        Arrays.copyOfRange(message, offset, offset + len));
  }
}
