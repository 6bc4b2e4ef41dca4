package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.KeyPair;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@value #FRAMES} generated and mutated frames through one decoder: random bytes (some with
 * a plausible header, so they reach the signature check), valid signed frames mutated after signing
 * (bit flips, byte changes, truncation, extension, insertion, deletion, header fields and
 * signatures swapped between frames), and frames re-signed around mutated or hostile payloads, so
 * that the payload decoder itself is fuzzed past the signature check. No throwable may escape,
 * every outcome must be a drop or an authentic frame, and the heap must stay bounded.
 */
class WireFuzzTest {
  private static final int FRAMES = 110_000;
  private static final long SEED = 0x5ce1_f022L;
  private static final int TRACKED_SENDERS = 4;
  private static final int OUTSTANDING = 256;
  private static final long HEAP_GROWTH_LIMIT_BYTES = 8L << 20;
  private static final int[] HOSTILE_VARINTS = {
    Integer.MIN_VALUE, -1, Integer.MAX_VALUE, 1 << 28, 1 << 21, Ping.MAX_PADDING_BYTES + 1, 0x7f
  };
  private static final char[] TEXT_CHARS = "abcxyz019 -_éüñ€✓".toCharArray();

  private static ch.qos.logback.classic.Logger codecLog;
  private static Level previousLevel;

  private final SplittableRandom rng = new SplittableRandom(SEED);
  private final KeyPair receiverKey = Fixtures.key(100);
  private final FrameCodec receiver =
      Fixtures.codec(
          receiverKey,
          WireLimits.defaults()
              .withMaxTrackedSenders(TRACKED_SENDERS)
              .withMaxOutstandingRequests(OUTSTANDING));
  private final List<KeyPair> senderKeys = new ArrayList<>();
  private final List<FrameCodec> senders = new ArrayList<>();
  private final List<byte[]> validFrames = new ArrayList<>();

  /** The codec logs each undecodable authentic frame at debug: tens of thousands here. */
  @BeforeAll
  static void quietCodecLog() {
    codecLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(FrameCodec.class);
    previousLevel = codecLog.getLevel();
    codecLog.setLevel(Level.INFO);
  }

  @AfterAll
  static void restoreCodecLog() {
    codecLog.setLevel(previousLevel);
  }

  private enum Kind {
    RANDOM,
    MUTATED,
    RESIGNED
  }

  @Test
  void hostileFramesAreDroppedOrAuthenticNeverThrownAndHeapStaysBounded() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = usedHeapAfterGc(memory);
    for (int i = 0; i < 6; i++) {
      senderKeys.add(Fixtures.key(10 + i));
      senders.add(Fixtures.codec(senderKeys.get(i)));
    }
    for (int i = 0; i < 64; i++) {
      validFrames.add(validFrame());
    }
    Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    Map<Kind, Integer> accepted = new EnumMap<>(Kind.class);
    int validResignedAccepted = 0;

    for (int i = 0; i < FRAMES; i++) {
      if (i % 1_000 == 999) {
        receiver.expire(NOW + 20_000); // expires every registered request, as time would
      }
      double pick = rng.nextDouble();
      Kind kind = pick < 0.25 ? Kind.RANDOM : pick < 0.63 ? Kind.MUTATED : Kind.RESIGNED;
      byte[] base = null;
      byte[] frame;
      KeyPair signer = null;
      boolean mustAccept = false;
      switch (kind) {
        case RANDOM -> frame = randomFrame();
        case MUTATED -> {
          base = validFrames.get(rng.nextInt(validFrames.size()));
          frame = mutate(base);
        }
        default -> {
          int s = rng.nextInt(senderKeys.size());
          signer = senderKeys.get(s);
          boolean mutatePayload = rng.nextInt(10) != 0;
          frame = resigned(s, mutatePayload);
          mustAccept = !mutatePayload && frame[0] == FrameLayout.VERSION;
        }
      }

      Decoded decoded;
      try {
        decoded = receiver.decode(frame, NOW);
      } catch (Throwable t) {
        throw new AssertionError(kind + " frame #" + i + " threw: " + hex(frame), t);
      }

      if (decoded instanceof InboundFrame in) {
        accepted.merge(kind, 1, Integer::sum);
        if (kind == Kind.RANDOM) {
          throw new AssertionError("random bytes accepted as a frame: " + hex(frame));
        }
        if (kind == Kind.MUTATED && !Arrays.equals(frame, base)) {
          throw new AssertionError("a frame altered after signing was accepted: " + hex(frame));
        }
        if (signer != null && !in.sender().equals(signer.publicKey())) {
          throw new AssertionError("accepted under the wrong sender: " + hex(frame));
        }
        if (!in.type().payloadClass().isInstance(in.payload())) {
          throw new AssertionError("payload of the wrong class: " + in);
        }
        if (mustAccept) {
          validResignedAccepted++;
        }
      } else if (decoded instanceof DropReason reason) {
        drops.merge(reason, 1, Integer::sum);
        if (mustAccept && reason != DropReason.UNSOLICITED_REPLY) {
          throw new AssertionError(
              "a valid fresh frame was dropped as " + reason + ": " + hex(frame));
        }
      } else {
        throw new AssertionError("decode returned " + decoded);
      }
    }

    int totalAccepted = accepted.values().stream().mapToInt(Integer::intValue).sum();
    int totalDropped = drops.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(totalAccepted + totalDropped).isEqualTo(FRAMES);
    for (DropReason reason : DropReason.values()) {
      assertThat(receiver.metrics().droppedCount(reason))
          .as("metric for %s", reason)
          .isEqualTo((long) drops.getOrDefault(reason, 0));
    }
    // The generators reach every stage of the decoder, the payload decoder most of all.
    assertThat(drops.keySet())
        .containsAll(
            Arrays.stream(DropReason.values()).filter(r -> r != DropReason.RATE_LIMITED).toList());
    assertThat(drops.get(DropReason.BAD_SIGNATURE)).isGreaterThan(10_000);
    assertThat(drops.get(DropReason.UNDECODABLE)).isGreaterThan(10_000);
    assertThat(accepted.getOrDefault(Kind.RESIGNED, 0)).isGreaterThan(5_000);
    assertThat(validResignedAccepted).isGreaterThan(1_000);
    assertThat(receiver.trackedSenders()).isLessThanOrEqualTo(TRACKED_SENDERS);
    assertThat(receiver.outstanding().size()).isLessThanOrEqualTo(OUTSTANDING);
    // The decoder still works, and the heap holds nothing of the 110,000 frames.
    byte[] ping =
        senders.get(0).encode(Ping.TYPE, null, senders.get(0).nextRequestId(), new Ping(1), NOW);
    assertThat(receiver.decode(ping, NOW).accepted()).isTrue();
    validFrames.clear();
    long heapAfter = usedHeapAfterGc(memory);
    assertThat(heapAfter - heapBefore).isLessThan(HEAP_GROWTH_LIMIT_BYTES);
  }

  // ---- generators ----

  private byte[] validFrame() {
    int s = rng.nextInt(senders.size());
    FrameCodec sender = senders.get(s);
    int which = rng.nextInt(3);
    var to = rng.nextBoolean() ? receiver.localId() : null;
    return switch (which) {
      case 0 -> sender.encode(Ping.TYPE, to, sender.nextRequestId(), randomPing(), NOW);
      case 1 -> sender.encode(Note.TYPE, to, sender.nextRequestId(), randomNote(), NOW);
      default ->
          sender.encode(Ack.TYPE, to, receiver.nextRequestId(), new Ack(rng.nextLong()), NOW);
    };
  }

  /** Random bytes; a third with a header good enough to reach the signature check. */
  private byte[] randomFrame() {
    int roll = rng.nextInt(100);
    int length =
        roll < 65
            ? rng.nextInt(0, 400)
            : roll < 95
                ? rng.nextInt(FrameLayout.MIN_FRAME_BYTES, 700)
                : roll < 99
                    ? rng.nextInt(700, 5_000)
                    : rng.nextInt(
                        WireLimits.MAX_FRAME_BYTES - 8, WireLimits.MAX_FRAME_BYTES + 64 * 1024);
    byte[] frame = randomBytes(length);
    if (length >= FrameLayout.MIN_FULL_FRAME_BYTES && rng.nextInt(3) == 0) {
      // Half full keys, half short ids (a real sender's, so that they resolve, or random ones).
      int flags = rng.nextInt(4);
      frame[0] = FrameLayout.VERSION;
      frame[FrameLayout.FLAGS_OFFSET] = (byte) flags;
      FrameLayout.putInt(frame, FrameLayout.NETWORK_ID_OFFSET, Fixtures.NETWORK);
      int[] ids = {WireTypeIds.PING, WireTypeIds.ACK, Note.TYPE_ID};
      FrameLayout.putU16(frame, FrameLayout.TYPE_ID_OFFSET, ids[rng.nextInt(ids.length)]);
      int recipient = FrameLayout.recipientOffset(flags);
      Arrays.fill(frame, recipient, recipient + FrameLayout.RECIPIENT_BYTES, (byte) 0);
      FrameLayout.putU48(
          frame, FrameLayout.timestampOffset(flags), NOW + rng.nextInt(-1_000, 1_000));
      if (rng.nextBoolean()) { // a real sender, so the cached-key path is fuzzed too
        KeyPair sender = senderKeys.get(rng.nextInt(senderKeys.size()));
        if ((flags & FrameLayout.FLAG_SHORT_SENDER) != 0) {
          System.arraycopy(
              sender.publicKey().nodeId().bytes(),
              0,
              frame,
              FrameLayout.SENDER_OFFSET,
              FrameLayout.SENDER_ID_BYTES);
        } else {
          sender.publicKey().copyTo(frame, FrameLayout.SENDER_OFFSET);
        }
      }
    }
    return frame;
  }

  /** A valid signed frame altered after signing by one to three operations. */
  private byte[] mutate(byte[] base) {
    byte[] frame = base.clone();
    int operations = rng.nextInt(1, 4);
    for (int op = 0; op < operations; op++) {
      frame = mutateOnce(frame, true);
    }
    return frame;
  }

  private byte[] mutateOnce(byte[] bytes, boolean frameLevel) {
    int choice = rng.nextInt(frameLevel ? 8 : 7);
    int n = bytes.length;
    switch (choice) {
      case 0, 1 -> { // flip one bit
        if (n > 0) {
          bytes[rng.nextInt(n)] ^= (byte) (1 << rng.nextInt(8));
        }
        return bytes;
      }
      case 2 -> { // set one byte
        if (n > 0) {
          bytes[rng.nextInt(n)] = (byte) rng.nextInt(256);
        }
        return bytes;
      }
      case 3 -> { // truncate
        return Arrays.copyOf(bytes, n == 0 ? 0 : rng.nextInt(n));
      }
      case 4 -> { // extend
        byte[] longer = Arrays.copyOf(bytes, n + rng.nextInt(1, 65));
        for (int i = n; i < longer.length; i++) {
          longer[i] = (byte) rng.nextInt(256);
        }
        return longer;
      }
      case 5 -> { // insert a byte, or a hostile varint
        int at = rng.nextInt(n + 1);
        byte[] inserted =
            rng.nextBoolean()
                ? new byte[] {(byte) rng.nextInt(256)}
                : varint(HOSTILE_VARINTS[rng.nextInt(HOSTILE_VARINTS.length)]);
        byte[] out = new byte[n + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, n - at);
        return out;
      }
      case 6 -> { // delete a byte
        if (n == 0) {
          return bytes;
        }
        int at = rng.nextInt(n);
        byte[] out = new byte[n - 1];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + 1, out, at, n - at - 1);
        return out;
      }
      default -> { // copy a header field or the signature from another valid frame
        byte[] other = validFrames.get(rng.nextInt(validFrames.size()));
        int[][] fields = {
          {FrameLayout.FLAGS_OFFSET, 1},
          {FrameLayout.TYPE_ID_OFFSET, 2},
          {FrameLayout.SENDER_OFFSET, FrameLayout.SENDER_KEY_BYTES},
          {FrameLayout.recipientOffset(0), FrameLayout.RECIPIENT_BYTES},
          {FrameLayout.timestampOffset(0), FrameLayout.TIMESTAMP_BYTES},
          {FrameLayout.requestIdOffset(0), FrameLayout.REQUEST_ID_BYTES},
          {-1, 64}
        };
        int[] field = fields[rng.nextInt(fields.length)];
        int from = field[0] < 0 ? other.length - 64 : field[0];
        int to = field[0] < 0 ? n - 64 : field[0];
        if (to >= 0 && to + field[1] <= n) {
          System.arraycopy(other, from, bytes, to, field[1]);
        }
        return bytes;
      }
    }
  }

  /**
   * A frame correctly signed by sender {@code s} around a payload that is, unless {@code
   * mutatePayload} is false, mutated, random or hostile. Its request id is fresh (and registered as
   * outstanding for an ack), so only the payload decides whether it is accepted.
   */
  private byte[] resigned(int s, boolean mutatePayload) {
    KeyPair key = senderKeys.get(s);
    FrameCodec sender = senders.get(s);
    int which = rng.nextInt(3);
    Fixtures.RawFrame frame = new Fixtures.RawFrame(key);
    byte[] payload;
    switch (which) {
      case 0 -> {
        frame.type(WireTypeIds.PING).requestId(sender.nextRequestId());
        payload = payloadBytes(Ping.TYPE, randomPing());
      }
      case 1 -> {
        frame.type(Note.TYPE_ID).requestId(sender.nextRequestId());
        payload = payloadBytes(Note.TYPE, randomNote());
      }
      default -> {
        long id = receiver.nextRequestId();
        receiver
            .outstanding()
            .register(id, rng.nextBoolean() ? key.publicKey() : null, NOW + 10_000);
        frame.type(WireTypeIds.ACK).requestId(id);
        payload = payloadBytes(Ack.TYPE, new Ack(rng.nextLong()));
      }
    }
    if (mutatePayload) {
      payload = rng.nextInt(8) == 0 ? randomBytes(rng.nextInt(0, 64)) : mutatePayload(payload);
    }
    if (rng.nextBoolean()) {
      frame.to(receiver.localId());
    }
    long skew = WireLimits.DEFAULT_MAX_CLOCK_SKEW_MILLIS;
    return frame.timestamp(NOW + rng.nextLong(-skew, skew + 1)).payload(payload).signedBy(key);
  }

  private byte[] mutatePayload(byte[] payload) {
    int operations = rng.nextInt(1, 4);
    for (int op = 0; op < operations; op++) {
      payload = mutateOnce(payload, false);
    }
    return payload;
  }

  private <T> byte[] payloadBytes(MessageType<T> type, T value) {
    Output out = new Output(2_048, -1);
    type.serializer().write(null, out, value);
    return out.toBytes();
  }

  private Ping randomPing() {
    return new Ping(rng.nextLong(), randomBytes(rng.nextInt(0, 300)));
  }

  private Note randomNote() {
    List<String> tags = new ArrayList<>();
    int count = rng.nextInt(0, Note.MAX_TAGS + 1);
    for (int i = 0; i < count; i++) {
      tags.add(randomText(10));
    }
    return new Note(randomText(60), tags, randomBytes(rng.nextInt(0, 100)));
  }

  private String randomText(int maxChars) {
    char[] chars = new char[rng.nextInt(0, maxChars + 1)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = TEXT_CHARS[rng.nextInt(TEXT_CHARS.length)];
    }
    return new String(chars);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i += 8) {
      long r = rng.nextLong();
      for (int j = i; j < Math.min(length, i + 8); j++) {
        bytes[j] = (byte) r;
        r >>>= 8;
      }
    }
    return bytes;
  }

  private static byte[] varint(int value) {
    return Fixtures.kryoBytes(out -> out.writeVarInt(value, true));
  }

  private static String hex(byte[] frame) {
    return HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 512));
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
