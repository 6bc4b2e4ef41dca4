package io.skein.testnet.sim;

import io.skein.crypto.Ed25519;
import io.skein.crypto.KeyPair;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.random.RandomGenerator;

/**
 * Where simulated nodes get their identities: the cheap {@link SimSignatures} stand-in for large
 * runs, or real Ed25519 ({@link #ed25519()}) for runs up to about 100 nodes. Either way keys are
 * derived from the run's seed, so a run is reproducible.
 */
public interface SimKeys {
  /** A new identity whose key material comes from {@code random}. */
  Signer newSigner(RandomGenerator random);

  /** The verifier for every identity this source made. */
  Verifier verifier();

  /** A fresh stand-in registry (see {@link SimSignatures}). */
  static SimKeys standIn() {
    return new SimSignatures();
  }

  /** Real Ed25519 key pairs whose 32-byte seeds are drawn from the given stream. */
  static SimKeys ed25519() {
    return new SimKeys() {
      @Override
      public Signer newSigner(RandomGenerator random) {
        byte[] seed = new byte[Ed25519.SEED_BYTES];
        random.nextBytes(seed);
        return KeyPair.fromSeed(seed);
      }

      @Override
      public Verifier verifier() {
        return Ed25519.VERIFIER;
      }

      @Override
      public String toString() {
        return "SimKeys.ed25519";
      }
    };
  }
}
