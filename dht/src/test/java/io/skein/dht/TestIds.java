package io.skein.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import java.util.random.RandomGenerator;

/** Deterministic keys, ids and contacts for tests. */
public final class TestIds {
  private TestIds() {}

  /** A key pair from a seed derived from {@code n}. */
  public static KeyPair keyPair(long n) {
    byte[] seed = new byte[32];
    for (int i = 0; i < 8; i++) {
      seed[i] = (byte) (n >>> (8 * i));
    }
    seed[31] = 0x5a;
    return KeyPair.fromSeed(seed);
  }

  /**
   * A contact with a random 32-byte "public key" (fine for routing: only its hash matters there).
   */
  public static Contact randomContact(RandomGenerator random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    PublicKey pk = PublicKey.of(key);
    return Contact.of(pk, new Endpoint("10.0.0.1", 1 + random.nextInt(65535)));
  }

  /** A contact for {@code keyPair} at a port derived from {@code n}. */
  public static Contact contact(KeyPair keyPair, int n) {
    return Contact.of(keyPair.publicKey(), new Endpoint("127.0.0.1", 1000 + n));
  }

  /** A random id. */
  public static NodeId randomId(RandomGenerator random) {
    byte[] id = new byte[32];
    random.nextBytes(id);
    return NodeId.of(id);
  }
}
