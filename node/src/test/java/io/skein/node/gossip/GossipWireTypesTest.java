package io.skein.node.gossip;

import static io.skein.node.gossip.GossipFixtures.ALICE;
import static io.skein.node.gossip.GossipFixtures.ALICE_AT;
import static io.skein.node.gossip.GossipFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.gossip.msg.Suspect;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageKind;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.WireLimits;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class GossipWireTypesTest {
  private final FrameCodec alice = GossipFixtures.codec(ALICE);
  private final FrameCodec bob = GossipFixtures.codec(GossipFixtures.BOB);

  private InboundFrame roundTrip(GossipEnvelope envelope) {
    byte[] frame =
        alice.encode(
            GossipWireTypes.typeOf(envelope), bob.localId(), alice.nextRequestId(), envelope, NOW);
    return (InboundFrame) bob.decode(frame, NOW);
  }

  @Test
  void everyMessageKindRoundTripsThroughTheCodecWithItsSendersEndpoint() {
    for (GossipMessage m : GossipFixtures.everyMessageKind()) {
      GossipEnvelope sent = GossipEnvelope.of(ALICE_AT, m);

      InboundFrame received = roundTrip(sent);

      // a ping's target is the frame's recipient, not repeated in the payload; an ack carries no
      // return address
      GossipEnvelope expected =
          m instanceof Ping p
              ? GossipEnvelope.of(ALICE_AT, new Ping(p.seq(), null, p.claims()))
              : m instanceof Ack a ? new GossipEnvelope.OfAck(null, a) : sent;
      assertThat(received.payload()).as(m.toString()).isEqualTo(expected);
      assertThat(received.addressedToUs()).isTrue();
      assertThat(received.type().id()).isEqualTo(15 + m.typeId());
      assertThat(received.sender()).isEqualTo(ALICE.publicKey());
      assertThat(((GossipEnvelope) received.payload()).message().claims()).isEqualTo(m.claims());
    }
  }

  @Test
  void theNineTypesHaveIds16To24AreOneWayAndMatchTheCoreMessageOrder() {
    assertThat(GossipWireTypes.ALL)
        .extracting(MessageType::id)
        .containsExactly(16, 17, 18, 19, 20, 21, 22, 23, 24);
    assertThat(GossipWireTypes.ALL).allMatch(t -> t.kind() == MessageKind.ONE_WAY);
    for (GossipMessage m : GossipFixtures.everyMessageKind()) {
      GossipEnvelope e = GossipEnvelope.of(ALICE_AT, m);
      assertThat(GossipWireTypes.typeOf(e).payloadClass()).isEqualTo(e.getClass());
    }
  }

  @Test
  void claimSizesAreWhatTheEncoderWrites() {
    for (Claim c : GossipFixtures.everyClaimKind()) {
      Output out = new Output(1024);
      ClaimWire.writeClaim(out, c);
      assertThat(ClaimWire.encodedSize(c)).as(c.toString()).isEqualTo(out.position());
      assertThat(ClaimWire.readClaim(new Input(out.toBytes()))).isEqualTo(c);
    }
  }

  @Test
  void aPushPullStateTooLargeForOneFrameIsCutToAPrefixThatFits() {
    List<Claim> state = new ArrayList<>();
    Endpoint longHost = new Endpoint("h".repeat(Endpoint.MAX_HOST_BYTES), 7946);
    byte[] signature = new byte[64];
    for (int i = 0; i < 1_000; i++) {
      PublicKey member = GossipFixtures.key(i % 250 + 4).publicKey();
      state.add(new Alive(member, longHost, i, signature));
    }
    int budget = WireLimits.defaults().maxPayloadBytes() - GossipWireTypes.PUSH_PULL_OVERHEAD_BYTES;

    List<Claim> fit = GossipService.fitting(state, budget);

    assertThat(fit).isNotEmpty().hasSizeLessThan(state.size());
    assertThat(state.subList(0, fit.size())).isEqualTo(fit);
    GossipEnvelope e =
        GossipEnvelope.of(
            new Endpoint("x".repeat(Endpoint.MAX_HOST_BYTES), 65535),
            new PushPullResponse(Long.MAX_VALUE, fit));
    assertThat(roundTrip(e).payload()).isEqualTo(e);
    assertThat(GossipService.fitting(fit, budget)).isSameAs(fit);
  }

  @Property(tries = 300)
  void anyClaimRoundTrips(
      @ForAll @IntRange(min = 0, max = 3) int kind,
      @ForAll @LongRange(min = 0) long incarnation,
      @ForAll("hosts") String host,
      @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll @Size(value = 64) byte[] signature,
      @ForAll @IntRange(min = 1, max = 200) int subject) {
    PublicKey a = GossipFixtures.key(subject).publicKey();
    PublicKey b = GossipFixtures.key(subject + 1).publicKey();
    Claim claim =
        switch (kind) {
          case 0 -> new Alive(a, new Endpoint(host, port), incarnation, signature);
          case 1 -> new Leave(a, incarnation, signature);
          case 2 -> new Suspect(a, incarnation, b, signature);
          default -> new Dead(a, incarnation, b, signature);
        };
    Output out = new Output(512);
    ClaimWire.writeClaim(out, claim);

    assertThat(ClaimWire.readClaim(new Input(out.toBytes()))).isEqualTo(claim);
    assertThat(out.position()).isEqualTo(ClaimWire.encodedSize(claim));
  }

  @Property(tries = 100)
  void anyPingWithUpToSixtyFourClaimsRoundTrips(
      @ForAll long seq, @ForAll @IntRange(min = 0, max = 64) int claims) {
    KeyPair target = GossipFixtures.CAROL;
    List<Claim> list = new ArrayList<>();
    for (int i = 0; i < claims; i++) {
      list.add(GossipFixtures.everyClaimKind().get(i % 5));
    }
    GossipEnvelope e = GossipEnvelope.of(ALICE_AT, new Ping(seq, target.publicKey(), list));

    assertThat(roundTrip(e).payload())
        .isEqualTo(GossipEnvelope.of(ALICE_AT, new Ping(seq, null, list)));
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:%")
        .ofMinLength(1)
        .ofMaxLength(Endpoint.MAX_HOST_BYTES);
  }
}
