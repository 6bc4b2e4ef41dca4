package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A signature made for one {@link Domain} never verifies for another. */
class DomainSeparationTest {
  private static final KeyPair KEY =
      KeyPair.fromSeed(Sha256.hash("domain-test".getBytes(StandardCharsets.US_ASCII)));
  private static final byte[] MESSAGE =
      "the same bytes in every domain".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @EnumSource(Domain.class)
  void signatureVerifiesOnlyInItsOwnDomain(Domain signedFor) {
    byte[] sig = KEY.sign(signedFor, MESSAGE);
    for (Domain checkedAs : Domain.values()) {
      assertThat(Ed25519.VERIFIER.verify(KEY.publicKey(), checkedAs, MESSAGE, sig))
          .as("signed for %s, checked as %s", signedFor, checkedAs)
          .isEqualTo(checkedAs == signedFor);
    }
  }

  @Property(tries = 200)
  void separationHoldsForAnyMessage(@ForAll @Size(max = 300) byte[] message) {
    for (Domain signedFor : Domain.values()) {
      byte[] sig = KEY.sign(signedFor, message);
      for (Domain checkedAs : Domain.values()) {
        assertThat(Ed25519.VERIFIER.verify(KEY.publicKey(), checkedAs, message, sig))
            .isEqualTo(checkedAs == signedFor);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Domain.class, names = "BEP44", mode = EnumSource.Mode.EXCLUDE)
  void contextSignaturesAreNotPlainEd25519Signatures(Domain domain) {
    byte[] ctxSig = KEY.sign(domain, MESSAGE);
    byte[] plainSig = KEY.sign(Domain.BEP44, MESSAGE);
    assertThat(ctxSig).isNotEqualTo(plainSig);
    // BEP44 is plain Ed25519 (RFC 8032 Ed25519 without prehash or context).
    assertThat(Ed25519.VERIFIER.verify(KEY.publicKey(), Domain.BEP44, MESSAGE, ctxSig)).isFalse();
    // Ed25519ctx with its context verifies, checked by the independent BouncyCastle entry point.
    assertThat(
            org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                ctxSig,
                0,
                KEY.publicKey().bytes(),
                0,
                domain.context(),
                MESSAGE,
                0,
                MESSAGE.length))
        .isTrue();
    assertThat(
            org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                ctxSig, 0, KEY.publicKey().bytes(), 0, MESSAGE, 0, MESSAGE.length))
        .isFalse();
  }

  @Test
  void tagsAreDistinctAndVersioned() {
    java.util.Set<String> tags = new java.util.HashSet<>();
    for (Domain d : Domain.values()) {
      if (d.context() != null) {
        String tag = new String(d.context(), StandardCharsets.US_ASCII);
        assertThat(tag).startsWith("skein/").endsWith("/v1");
        assertThat(d.context().length).isBetween(1, 255);
        assertThat(tags.add(tag)).isTrue();
      }
    }
    assertThat(tags).hasSize(Domain.values().length - 1);
  }

  @Test
  void verifierReturnsFalseOnMalformedInputInsteadOfThrowing() {
    byte[] sig = KEY.sign(Domain.FRAME, MESSAGE);
    PublicKey key = KEY.publicKey();
    assertThat(Ed25519.VERIFIER.verify(key, null, MESSAGE, sig)).isFalse();
    assertThat(Ed25519.VERIFIER.verify(null, Domain.FRAME, MESSAGE, sig)).isFalse();
    assertThat(Ed25519.VERIFIER.verify(key, Domain.FRAME, null, sig)).isFalse();
    assertThat(Ed25519.VERIFIER.verify(key, Domain.FRAME, MESSAGE, null)).isFalse();
    assertThat(Ed25519.VERIFIER.verify(key, Domain.FRAME, MESSAGE, new byte[63])).isFalse();
    assertThat(Ed25519.VERIFIER.verify(key, Domain.FRAME, MESSAGE, 0, MESSAGE.length + 1, sig, 0))
        .isFalse();
    assertThat(Ed25519.VERIFIER.verify(key, Domain.FRAME, MESSAGE, 0, MESSAGE.length, sig, 1))
        .isFalse();
    assertThat(Ed25519.VERIFIER.verify(key, Domain.FRAME, MESSAGE, -1, 2, sig, 0)).isFalse();
    // 32 bytes that are not a curve point: a key that simply never verifies.
    byte[] notAPoint = new byte[32];
    java.util.Arrays.fill(notAPoint, (byte) 0xff);
    assertThat(Ed25519.VERIFIER.verify(PublicKey.of(notAPoint), Domain.FRAME, MESSAGE, sig))
        .isFalse();
    assertThat(Ed25519.VERIFIER.verify(key, Domain.FRAME, MESSAGE, sig)).isTrue();
  }

  @Test
  void signingIntoAnOffsetMatchesTheWholeArrayForm() {
    byte[] framed = new byte[MESSAGE.length + 10];
    System.arraycopy(MESSAGE, 0, framed, 5, MESSAGE.length);
    byte[] out = new byte[Signer.SIGNATURE_BYTES + 3];
    KEY.sign(Domain.FRAME, framed, 5, MESSAGE.length, out, 3);
    assertThat(java.util.Arrays.copyOfRange(out, 3, out.length))
        .isEqualTo(KEY.sign(Domain.FRAME, MESSAGE));
    assertThat(
            Ed25519.VERIFIER.verify(
                KEY.publicKey(), Domain.FRAME, framed, 5, MESSAGE.length, out, 3))
        .isTrue();
  }
}
