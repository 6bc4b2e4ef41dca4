package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8032 section 7.1 test vectors (TEST 1-3, copied into test resources from the shared vectors).
 * {@link Domain#BEP44} is plain Ed25519, so it must reproduce them exactly.
 */
class Rfc8032VectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  /** One line of the vector file: seed, public key, message ("-" when empty), signature. */
  record Vector(byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
    @Override
    public String toString() {
      return "seed " + HEX.formatHex(seed, 0, 4) + "..., message of " + message.length + " bytes";
    }
  }

  static List<Vector> vectors() throws IOException {
    List<Vector> out = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(
                Rfc8032VectorsTest.class.getResourceAsStream("/vectors/ed25519-rfc8032.txt"));
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        assertThat(f).as("fields in %s", line).hasSize(4);
        out.add(
            new Vector(
                HEX.parseHex(f[0]),
                HEX.parseHex(f[1]),
                f[2].equals("-") ? new byte[0] : HEX.parseHex(f[2]),
                HEX.parseHex(f[3])));
      }
    }
    return out;
  }

  @Test
  void theFileHoldsTheThreeVectorsOfSection71() throws IOException {
    assertThat(vectors()).hasSize(3);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void seedGivesThePublicKey(Vector v) {
    assertThat(KeyPair.fromSeed(v.seed()).publicKey().bytes()).isEqualTo(v.publicKey());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void plainEd25519GivesExactlyTheSignature(Vector v) {
    assertThat(KeyPair.fromSeed(v.seed()).sign(Domain.BEP44, v.message())).isEqualTo(v.signature());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verifierAcceptsTheSignature(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    assertThat(Ed25519.VERIFIER.verify(key, Domain.BEP44, v.message(), v.signature())).isTrue();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void everyFlippedSignatureBitFails(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    for (int bit = 0; bit < v.signature().length * 8; bit++) {
      byte[] sig = flip(v.signature(), bit);
      assertThat(Ed25519.VERIFIER.verify(key, Domain.BEP44, v.message(), sig))
          .as("signature bit %d", bit)
          .isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void everyFlippedKeyBitFails(Vector v) {
    for (int bit = 0; bit < v.publicKey().length * 8; bit++) {
      PublicKey key = PublicKey.of(flip(v.publicKey(), bit));
      assertThat(Ed25519.VERIFIER.verify(key, Domain.BEP44, v.message(), v.signature()))
          .as("key bit %d", bit)
          .isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void everyFlippedMessageBitFailsAndSoDoesAnExtraByte(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    for (int bit = 0; bit < v.message().length * 8; bit++) {
      byte[] msg = flip(v.message(), bit);
      assertThat(Ed25519.VERIFIER.verify(key, Domain.BEP44, msg, v.signature()))
          .as("message bit %d", bit)
          .isFalse();
    }
    byte[] longer = java.util.Arrays.copyOf(v.message(), v.message().length + 1);
    assertThat(Ed25519.VERIFIER.verify(key, Domain.BEP44, longer, v.signature())).isFalse();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void theSignatureIsNotValidInAnyContextDomain(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    for (Domain d : Domain.values()) {
      if (d != Domain.BEP44) {
        assertThat(Ed25519.VERIFIER.verify(key, d, v.message(), v.signature()))
            .as("%s", d)
            .isFalse();
      }
    }
  }

  private static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit >>> 3] ^= (byte) (1 << (bit & 7));
    return copy;
  }
}
