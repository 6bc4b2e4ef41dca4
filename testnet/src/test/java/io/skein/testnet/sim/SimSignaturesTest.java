package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Domain;
import io.skein.crypto.Ed25519;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(SimSeedExtension.class)
class SimSignaturesTest {
  private static final Logger LOG = LoggerFactory.getLogger(SimSignaturesTest.class);

  private static final byte[] MESSAGE = "alive incarnation=7".getBytes(StandardCharsets.UTF_8);

  private final SimSignatures registry = new SimSignatures();

  private RandomGenerator stream(SimSeed seed) {
    return SimRandom.stream(seed.value(), "keys", 0);
  }

  @Test
  void aSignatureVerifiesUnderItsKeyAndDomain(SimSeed seed) {
    Signer alice = registry.newSigner(stream(seed));
    byte[] sig = alice.sign(Domain.GOSSIP_CLAIM, MESSAGE);

    assertThat(sig).hasSize(Signer.SIGNATURE_BYTES);
    assertThat(registry.verify(alice.publicKey(), Domain.GOSSIP_CLAIM, MESSAGE, sig)).isTrue();
  }

  @Test
  void aSignatureForAnotherDomainFails(SimSeed seed) {
    Signer alice = registry.newSigner(stream(seed));
    byte[] sig = alice.sign(Domain.GOSSIP_CLAIM, MESSAGE);

    for (Domain other : Domain.values()) {
      if (other != Domain.GOSSIP_CLAIM) {
        assertThat(registry.verify(alice.publicKey(), other, MESSAGE, sig))
            .as(other.name())
            .isFalse();
      }
    }
  }

  @Test
  void everyFlippedBitOfMessageOrSignatureFails(SimSeed seed) {
    Signer alice = registry.newSigner(stream(seed));
    byte[] sig = alice.sign(Domain.FRAME, MESSAGE);

    for (int bit = 0; bit < MESSAGE.length * 8; bit++) {
      byte[] tampered = MESSAGE.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(registry.verify(alice.publicKey(), Domain.FRAME, tampered, sig)).isFalse();
    }
    for (int bit = 0; bit < sig.length * 8; bit++) {
      byte[] tampered = sig.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(registry.verify(alice.publicKey(), Domain.FRAME, MESSAGE, tampered)).isFalse();
    }
  }

  @Test
  void aNodeCannotSignForAnother(SimSeed seed) {
    RandomGenerator random = stream(seed);
    Signer alice = registry.newSigner(random);
    Signer mallory = registry.newSigner(random);

    byte[] forged = mallory.sign(Domain.GOSSIP_CLAIM, MESSAGE);
    assertThat(registry.verify(alice.publicKey(), Domain.GOSSIP_CLAIM, MESSAGE, forged)).isFalse();
    // mallory rewrites the key half to alice's: the MAC half is still keyed by mallory's secret
    alice.publicKey().copyTo(forged, 32);
    assertThat(registry.verify(alice.publicKey(), Domain.GOSSIP_CLAIM, MESSAGE, forged)).isFalse();
    // replaying alice's signature over another message fails too
    byte[] other = "alive incarnation=8".getBytes(StandardCharsets.UTF_8);
    byte[] aliceSig = alice.sign(Domain.GOSSIP_CLAIM, MESSAGE);
    assertThat(registry.verify(alice.publicKey(), Domain.GOSSIP_CLAIM, other, aliceSig)).isFalse();
  }

  @Test
  void aKeyTheRegistryDidNotMakeNeverVerifies(SimSeed seed) {
    Signer alice = registry.newSigner(stream(seed));
    byte[] sig = alice.sign(Domain.FRAME, MESSAGE);
    SimSignatures otherRegistry = new SimSignatures();

    assertThat(otherRegistry.verify(alice.publicKey(), Domain.FRAME, MESSAGE, sig)).isFalse();
    assertThat(registry.verify(PublicKey.of(new byte[32]), Domain.FRAME, MESSAGE, sig)).isFalse();
  }

  @Test
  void malformedInputReturnsFalseInsteadOfThrowing(SimSeed seed) {
    Signer alice = registry.newSigner(stream(seed));
    PublicKey key = alice.publicKey();
    byte[] sig = alice.sign(Domain.FRAME, MESSAGE);

    assertThat(registry.verify(key, Domain.FRAME, MESSAGE, new byte[63])).isFalse();
    assertThat(registry.verify(key, Domain.FRAME, MESSAGE, null)).isFalse();
    assertThat(registry.verify(null, Domain.FRAME, MESSAGE, sig)).isFalse();
    assertThat(registry.verify(key, null, MESSAGE, sig)).isFalse();
    assertThat(registry.verify(key, Domain.FRAME, MESSAGE, -1, 3, sig, 0)).isFalse();
    assertThat(registry.verify(key, Domain.FRAME, MESSAGE, 0, MESSAGE.length + 1, sig, 0))
        .isFalse();
    assertThat(registry.verify(key, Domain.FRAME, MESSAGE, 0, MESSAGE.length, sig, 1)).isFalse();
    // and the registry still works afterwards
    assertThat(registry.verify(key, Domain.FRAME, MESSAGE, sig)).isTrue();
  }

  @Test
  void signingASliceEqualsSigningTheCopy(SimSeed seed) {
    Signer alice = registry.newSigner(stream(seed));
    byte[] padded = new byte[MESSAGE.length + 10];
    System.arraycopy(MESSAGE, 0, padded, 5, MESSAGE.length);
    byte[] out = new byte[70];
    alice.sign(Domain.FRAME, padded, 5, MESSAGE.length, out, 3);

    assertThat(Arrays.copyOfRange(out, 3, 67)).isEqualTo(alice.sign(Domain.FRAME, MESSAGE));
    assertThat(registry.verify(alice.publicKey(), Domain.FRAME, padded, 5, MESSAGE.length, out, 3))
        .isTrue();
  }

  @Test
  void keysAreDeterministicFromTheSeed(SimSeed seed) {
    Signer a = new SimSignatures().newSigner(stream(seed));
    Signer b = new SimSignatures().newSigner(stream(seed));
    Signer c = new SimSignatures().newSigner(SimRandom.stream(seed.value(), "keys", 1));

    assertThat(a.publicKey()).isEqualTo(b.publicKey()).isNotEqualTo(c.publicKey());
    assertThat(a.sign(Domain.FRAME, MESSAGE)).isEqualTo(b.sign(Domain.FRAME, MESSAGE));
  }

  @Test
  void realEd25519KeysComeFromTheSeedToo(SimSeed seed) {
    SimKeys keys = SimKeys.ed25519();
    Signer a = keys.newSigner(stream(seed));
    Signer b = keys.newSigner(stream(seed));
    byte[] sig = a.sign(Domain.GOSSIP_CLAIM, MESSAGE);

    assertThat(a).isInstanceOf(KeyPair.class);
    assertThat(a.publicKey()).isEqualTo(b.publicKey());
    assertThat(keys.verifier()).isSameAs(Ed25519.VERIFIER);
    assertThat(keys.verifier().verify(a.publicKey(), Domain.GOSSIP_CLAIM, MESSAGE, sig)).isTrue();
  }

  @Test
  void standInCostPerSignAndVerifyIsPrinted(SimSeed seed) {
    Signer alice = registry.newSigner(stream(seed));
    Verifier verifier = registry.verifier();
    byte[] message = new byte[200];
    byte[] sig = new byte[64];
    int rounds = 200_000;
    boolean all = true;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      message[0] = (byte) i;
      alice.sign(Domain.GOSSIP_CLAIM, message, 0, message.length, sig, 0);
      all &= verifier.verify(alice.publicKey(), Domain.GOSSIP_CLAIM, message, 0, 200, sig, 0);
    }
    long elapsed = System.nanoTime() - start;

    assertThat(all).isTrue();
    LOG.warn(
        String.format(
            "SimSignatures: sign+verify of 200 bytes: %.0f ns per pair (%d pairs, incl. warm-up)",
            elapsed / (double) rounds, rounds));
  }
}
