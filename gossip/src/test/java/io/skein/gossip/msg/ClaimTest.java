package io.skein.gossip.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skein.crypto.Domain;
import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ClaimTest {
  private static final KeyPair ALICE = KeyPair.fromSeed(seed(1));
  private static final KeyPair BOB = KeyPair.fromSeed(seed(2));
  private static final Endpoint EP = new Endpoint("10.0.0.1", 7946);

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) b);
    return s;
  }

  @Test
  void everyClaimKindVerifiesUnderItsSignersKey() {
    List<Claim> claims =
        List.of(
            Alive.sign(ALICE, EP, 3),
            Leave.sign(ALICE, 3),
            Suspect.sign(BOB, ALICE.publicKey(), 3),
            Dead.sign(BOB, ALICE.publicKey(), 3));
    for (Claim c : claims) {
      assertThat(c.verify(Ed25519.VERIFIER)).as(c.toString()).isTrue();
      assertThat(c.subject()).isEqualTo(ALICE.publicKey());
    }
    assertThat(claims.get(2).signer()).isEqualTo(BOB.publicKey());
  }

  @Test
  void aliveSignedByAnotherKeyForAliceDoesNotVerify() {
    Alive shape = Alive.sign(ALICE, EP, 7);
    byte[] forged = BOB.sign(Domain.GOSSIP_CLAIM, shape.signedBytes());
    Alive forgery = new Alive(ALICE.publicKey(), EP, 7, forged);
    assertThat(forgery.verify(Ed25519.VERIFIER)).isFalse();
  }

  @Test
  void changingAnySignedFieldBreaksTheSignature() {
    Alive a = Alive.sign(ALICE, EP, 7);
    byte[] sig = a.signature();
    assertThat(new Alive(ALICE.publicKey(), EP, 8, sig).verify(Ed25519.VERIFIER)).isFalse();
    assertThat(
            new Alive(ALICE.publicKey(), new Endpoint("10.0.0.2", 7946), 7, sig)
                .verify(Ed25519.VERIFIER))
        .isFalse();
    assertThat(
            new Alive(ALICE.publicKey(), new Endpoint("10.0.0.1", 7947), 7, sig)
                .verify(Ed25519.VERIFIER))
        .isFalse();
    Suspect s = Suspect.sign(BOB, ALICE.publicKey(), 7);
    assertThat(
            new Suspect(BOB.publicKey(), 7, BOB.publicKey(), s.signature())
                .verify(Ed25519.VERIFIER))
        .isFalse();
  }

  @Test
  void theClaimTypeByteKeepsASuspectFromPassingAsDead() {
    Suspect s = Suspect.sign(BOB, ALICE.publicKey(), 4);
    Dead replayed = new Dead(ALICE.publicKey(), 4, BOB.publicKey(), s.signature());
    assertThat(replayed.verify(Ed25519.VERIFIER)).isFalse();
    assertThat(s.signedBytes()[0]).isEqualTo((byte) ClaimType.SUSPECT.id());
  }

  @Test
  void aClaimSignatureDoesNotVerifyInAnotherDomain() {
    Leave l = Leave.sign(ALICE, 1);
    assertThat(
            Ed25519.VERIFIER.verify(
                ALICE.publicKey(), Domain.FRAME, l.signedBytes(), l.signature()))
        .isFalse();
  }

  @Test
  void constructorsRejectNegativeIncarnationsAndBadSignatures() {
    assertThatThrownBy(() -> new Leave(ALICE.publicKey(), -1, new byte[64]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incarnation");
    assertThatThrownBy(() -> new Leave(ALICE.publicKey(), 1, new byte[63]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64");
    assertThatThrownBy(() -> new Suspect(ALICE.publicKey(), 1, null, new byte[64]))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void claimsAreValuesAndCopyTheirSignature() {
    Alive a = Alive.sign(ALICE, EP, 2);
    byte[] sig = a.signature();
    Alive b = new Alive(ALICE.publicKey(), EP, 2, sig);
    sig[0] ^= 1;
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(b.verify(Ed25519.VERIFIER)).isTrue();
  }

  @Test
  void messagesRejectMoreClaimsThanTheWireLimit() {
    Claim c = Leave.sign(ALICE, 0);
    List<Claim> tooMany = Collections.nCopies(WireLimits.MAX_PIGGYBACK_CLAIMS + 1, c);
    assertThatThrownBy(() -> new Gossip(tooMany)).hasMessageContaining("limit");
    assertThatThrownBy(() -> new Ping(1, ALICE.publicKey(), tooMany)).hasMessageContaining("limit");
    assertThat(new Ack(1, Collections.nCopies(WireLimits.MAX_PIGGYBACK_CLAIMS, c)).claims())
        .hasSize(WireLimits.MAX_PIGGYBACK_CLAIMS);
    assertThatThrownBy(
            () -> new PushPullResponse(1, Collections.nCopies(WireLimits.MAX_STATE_CLAIMS + 1, c)))
        .hasMessageContaining("limit");
  }

  @Test
  void typeIdsAreDistinct() {
    List<GossipMessage> all =
        List.of(
            new Ping(1, ALICE.publicKey(), List.of()),
            new Ack(1, List.of()),
            new PingReq(1, ALICE.publicKey(), EP, List.of()),
            new Nack(1, List.of()),
            new Gossip(List.of()),
            new PushPullRequest(1, true, List.of()),
            new PushPullResponse(1, List.of()));
    assertThat(all.stream().map(GossipMessage::typeId).distinct()).hasSize(all.size());
  }

  @Property(tries = 50)
  void anyAliveRoundTripsAndNoOtherIncarnationVerifies(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long incarnation,
      @ForAll @IntRange(min = 1, max = 65535) int port) {
    Endpoint ep = new Endpoint("node.example", port);
    Alive a = Alive.sign(ALICE, ep, incarnation);
    assertThat(a.verify(Ed25519.VERIFIER)).isTrue();
    assertThat(a.signedBytes()).hasSizeLessThanOrEqualTo(ClaimEncoding.MAX_BYTES);
    Alive other = new Alive(ALICE.publicKey(), ep, incarnation + 1, a.signature());
    assertThat(other.verify(Ed25519.VERIFIER)).isFalse();
  }
}
