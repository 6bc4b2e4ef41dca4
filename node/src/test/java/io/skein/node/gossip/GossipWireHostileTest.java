package io.skein.node.gossip;

import static io.skein.node.gossip.GossipFixtures.ALICE;
import static io.skein.node.gossip.GossipFixtures.ALICE_AT;
import static io.skein.node.gossip.GossipFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.esotericsoftware.kryo.io.Output;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.WireLimits;
import io.skein.node.wire.Decoded;
import io.skein.node.wire.DropReason;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.WireTypeIds;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hostile gossip payloads inside frames correctly signed by a peer (so they pass every check before
 * the payload decoder): each is dropped as UNDECODABLE, or decodes to a well-formed message; none
 * throws, and none allocates much more than the frame itself.
 */
class GossipWireHostileTest {
  /**
   * Most bytes one decode may allocate: what signature verification allocates (BouncyCastle; about
   * 14 KB measured) plus a multiple of the frame. A list allocated for a hostile count of 65,536
   * claims would take 256 KiB alone.
   */
  private static final long ALLOCATION_BASE_BYTES = 32 * 1024;

  private static final int ALLOCATION_BYTES_PER_FRAME_BYTE = 8;

  private static final int[] HOSTILE_VARINTS = {
    -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 28, 65_537, 65_536, 4_096, 254, 65, 64
  };

  private static ch.qos.logback.classic.Logger codecLog;
  private static Level previousLevel;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final FrameCodec bob = GossipFixtures.codec(GossipFixtures.BOB);
  private static long requestId = NOW << 20;

  /** Warms up: the first frame from a sender allocates its replay window and decoded key. */
  GossipWireHostileTest() {
    bob.decode(
        GossipFixtures.signedFrame(ALICE, WireTypeIds.GOSSIP_PING, ++requestId, valid(0)), NOW);
    bob.decode(
        GossipFixtures.signedFrame(ALICE, WireTypeIds.GOSSIP_PING, ++requestId, new byte[9]), NOW);
  }

  /** The codec logs every undecodable frame at debug (jqwik and JUnit run the two halves). */
  @BeforeContainer
  @BeforeAll
  static void quietCodecLog() {
    codecLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(FrameCodec.class);
    previousLevel = codecLog.getLevel();
    codecLog.setLevel(Level.INFO);
  }

  @AfterContainer
  @AfterAll
  static void restoreCodecLog() {
    codecLog.setLevel(previousLevel);
  }

  /**
   * Decodes a frame signed by Alice; checks it neither throws nor allocates much. The payload is
   * decoded twice, in two frames, and the second decode measured: a code path's first run allocates
   * once for class loading and call-site linking (string concatenation, lambdas).
   */
  private Decoded decode(int typeId, byte[] payload) {
    bob.decode(GossipFixtures.signedFrame(ALICE, typeId, ++requestId, payload), NOW);
    byte[] frame = GossipFixtures.signedFrame(ALICE, typeId, ++requestId, payload);
    long before = threads.getCurrentThreadAllocatedBytes();
    Decoded decoded = bob.decode(frame, NOW);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated)
        .as("bytes allocated decoding a %d-byte frame", frame.length)
        .isLessThan(ALLOCATION_BASE_BYTES + (long) ALLOCATION_BYTES_PER_FRAME_BYTE * frame.length);
    if (decoded instanceof InboundFrame in) {
      assertThat(in.payload()).isInstanceOf(GossipEnvelope.class);
      assertThat(in.type().payloadClass()).isEqualTo(in.payload().getClass());
    } else {
      assertThat(decoded).isEqualTo(DropReason.UNDECODABLE);
    }
    return decoded;
  }

  private static byte[] valid(int index) {
    GossipMessage m = GossipFixtures.everyMessageKind().get(index);
    FrameCodec alice = GossipFixtures.codec(ALICE);
    GossipEnvelope e = GossipEnvelope.of(ALICE_AT, m);
    return GossipFixtures.payloadOf(
        alice.encode(GossipWireTypes.typeOf(e), null, alice.nextRequestId(), e, NOW));
  }

  private static byte[] bytes(Consumer<Output> writer) {
    Output out = new Output(256, -1);
    writer.accept(out);
    return out.toBytes();
  }

  private static void from(Output out) {
    ClaimWire.writeEndpoint(out, ALICE_AT);
  }

  @Property(tries = 1_500)
  void arbitraryPayloadsOfEveryGossipTypeAreDroppedOrWellFormed(
      @ForAll @IntRange(min = 0, max = 8) int type, @ForAll @Size(max = 3_000) byte[] payload) {
    decode(WireTypeIds.GOSSIP_PING + type, payload);
  }

  @Property(tries = 1_500)
  void validPayloadsWithAByteChangedAreDroppedOrWellFormed(
      @ForAll @IntRange(min = 0, max = 8) int type,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll byte xor) {
    byte[] payload = valid(type);
    payload[position % payload.length] ^= xor == 0 ? (byte) 0x80 : xor;
    decode(WireTypeIds.GOSSIP_PING + type, payload);
  }

  @Property(tries = 1_500)
  void validPayloadsWithAHostileVarintSplicedInAreDroppedOrWellFormed(
      @ForAll @IntRange(min = 0, max = 8) int type,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 0, max = 9) int hostile,
      @ForAll boolean replace,
      @ForAll @IntRange(min = 0, max = 100_000) int cut) {
    byte[] payload = valid(type);
    int at = position % payload.length;
    byte[] varint = bytes(out -> out.writeVarInt(HOSTILE_VARINTS[hostile], true));
    byte[] spliced = new byte[payload.length + varint.length];
    System.arraycopy(payload, 0, spliced, 0, at);
    System.arraycopy(varint, 0, spliced, at, varint.length);
    int skip = replace ? Math.min(varint.length, payload.length - at) : 0;
    System.arraycopy(payload, at + skip, spliced, at + varint.length, payload.length - at - skip);
    byte[] mutated = Arrays.copyOf(spliced, spliced.length - skip);
    int keep = mutated.length - cut % Math.max(1, mutated.length / 4 + 1);
    decode(WireTypeIds.GOSSIP_PING + type, Arrays.copyOf(mutated, keep));
  }

  @Test
  void everyTruncationOfAValidPayloadIsUndecodable() {
    for (int type = 0; type < 7; type++) {
      byte[] payload = valid(type);
      for (int keep = 0; keep < payload.length; keep++) {
        assertThat(decode(WireTypeIds.GOSSIP_PING + type, Arrays.copyOf(payload, keep)))
            .as("type %d cut to %d of %d bytes", type, keep, payload.length)
            .isEqualTo(DropReason.UNDECODABLE);
      }
    }
  }

  @Test
  void aTrailingByteIsUndecodable() {
    byte[] payload = valid(0);
    assertThat(decode(WireTypeIds.GOSSIP_PING, Arrays.copyOf(payload, payload.length + 1)))
        .isEqualTo(DropReason.UNDECODABLE);
  }

  @Test
  void claimCountsAboveTheCapOrBeyondTheBytesLeftAreUndecodable() {
    for (int count : new int[] {65, 64, 1 << 28, Integer.MAX_VALUE, -1}) {
      byte[] rumors =
          bytes(
              out -> {
                from(out);
                out.writeVarInt(count, true);
                out.writeBytes(new byte[200]);
              });
      assertThat(decode(WireTypeIds.GOSSIP_RUMORS, rumors))
          .as("count %d", count)
          .isEqualTo(DropReason.UNDECODABLE);
    }
    for (int count :
        new int[] {WireLimits.MAX_STATE_CLAIMS, WireLimits.MAX_STATE_CLAIMS + 1, 1_000}) {
      byte[] state =
          bytes(
              out -> {
                from(out);
                out.writeVarLong(7, true);
                out.writeVarInt(count, true);
                out.writeBytes(new byte[3_000]);
              });
      assertThat(decode(WireTypeIds.GOSSIP_PUSH_PULL_RESPONSE, state))
          .as("count %d", count)
          .isEqualTo(DropReason.UNDECODABLE);
    }
  }

  @Test
  void sixtyFiveValidClaimsInOneRumorMessageAreUndecodable() {
    byte[] claim = bytes(out -> ClaimWire.writeClaim(out, GossipFixtures.everyClaimKind().get(0)));
    byte[] rumors =
        bytes(
            out -> {
              from(out);
              out.writeVarInt(WireLimits.MAX_PIGGYBACK_CLAIMS + 1, true);
              for (int i = 0; i <= WireLimits.MAX_PIGGYBACK_CLAIMS; i++) {
                out.writeBytes(claim);
              }
            });
    assertThat(decode(WireTypeIds.GOSSIP_RUMORS, rumors)).isEqualTo(DropReason.UNDECODABLE);
  }

  @Test
  void badEndpointsAreUndecodable() {
    List<byte[]> froms =
        List.of(
            bytes(out -> out.writeVarInt(254, true)), // host longer than the DNS limit
            bytes(out -> out.writeVarInt(Integer.MAX_VALUE, true)),
            bytes(out -> out.writeVarInt(0, true)), // empty host
            bytes(
                out -> {
                  out.writeVarInt(3, true);
                  out.writeBytes("a;b".getBytes());
                  out.writeVarInt(80, true);
                }),
            bytes(
                out -> {
                  out.writeVarInt(1, true);
                  out.writeByte(0xff);
                  out.writeVarInt(80, true);
                }),
            bytes(
                out -> {
                  out.writeVarInt(1, true);
                  out.writeByte('a');
                  out.writeVarInt(0, true);
                }),
            bytes(
                out -> {
                  out.writeVarInt(1, true);
                  out.writeByte('a');
                  out.writeVarInt(65_536, true);
                }));
    for (byte[] from : froms) {
      byte[] payload = Arrays.copyOf(from, from.length + 300);
      assertThat(decode(WireTypeIds.GOSSIP_RUMORS, payload)).isEqualTo(DropReason.UNDECODABLE);
    }
  }

  @Test
  void unknownClaimTypesShortSignaturesNegativeIncarnationsAndNonBooleanFlagsAreUndecodable() {
    byte[] alive = bytes(out -> ClaimWire.writeClaim(out, GossipFixtures.everyClaimKind().get(0)));
    for (int type : new int[] {0, 5, 0x7f, 0xff}) {
      byte[] claim = alive.clone();
      claim[0] = (byte) type;
      byte[] rumors =
          bytes(
              out -> {
                from(out);
                out.writeVarInt(1, true);
                out.writeBytes(claim);
              });
      assertThat(decode(WireTypeIds.GOSSIP_RUMORS, rumors)).isEqualTo(DropReason.UNDECODABLE);
    }
    byte[] shortSignature =
        bytes(
            out -> {
              from(out);
              out.writeVarInt(1, true);
              out.writeBytes(alive, 0, alive.length - 1);
            });
    assertThat(decode(WireTypeIds.GOSSIP_RUMORS, shortSignature)).isEqualTo(DropReason.UNDECODABLE);
    byte[] negativeIncarnation =
        bytes(
            out -> {
              from(out);
              out.writeVarInt(1, true);
              out.writeByte(2); // leave
              out.writeBytes(ALICE.publicKey().bytes());
              out.writeVarLong(-1, true);
              out.writeBytes(new byte[64]);
            });
    assertThat(decode(WireTypeIds.GOSSIP_RUMORS, negativeIncarnation))
        .isEqualTo(DropReason.UNDECODABLE);
    byte[] join = valid(5);
    int flagAt = ClaimWire.endpointSize(ALICE_AT) + 1; // seq 42 is a one-byte varint
    assertThat(join[flagAt]).isEqualTo((byte) 1);
    join[flagAt] = 2;
    assertThat(decode(WireTypeIds.GOSSIP_PUSH_PULL_REQUEST, join))
        .isEqualTo(DropReason.UNDECODABLE);
  }

  @Test
  void theValidPayloadsUsedAsSeedsAreAccepted() {
    for (int type = 0; type < 7; type++) {
      assertThat(decode(WireTypeIds.GOSSIP_PING + type, valid(type)))
          .isInstanceOf(InboundFrame.class);
    }
  }
}
