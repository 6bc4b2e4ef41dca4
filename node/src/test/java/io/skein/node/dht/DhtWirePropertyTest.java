package io.skein.node.dht;

import static io.skein.node.dht.WireFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.DhtLimits;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RejectReason;
import io.skein.node.wire.Decoded;
import io.skein.node.wire.DropReason;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageKind;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.WireLimits;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * Hostile DHT payloads inside correctly signed frames (so they reach the payload decoders): every
 * one decodes to a message of its type or is dropped as {@link DropReason#UNDECODABLE}; nothing is
 * thrown and no declared length makes the decoder allocate more than the frame holds.
 */
class DhtWirePropertyTest {
  /** Bytes a hostile decode may allocate: Ed25519 verification and the small objects decoded. */
  private static final long MAX_HOSTILE_DECODE_ALLOCATION_BYTES = 64 * 1024;

  private static final int[] HOSTILE_LENGTHS = {
    -1,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    1 << 28,
    1 << 20,
    WireValues.MAX_RECORD_BYTES + 1,
    Endpoint.MAX_HOST_BYTES + 1,
    DhtLimits.MAX_CONTACTS_PER_REPLY + 1,
    60_000
  };

  private static ch.qos.logback.classic.Logger codecLog;
  private static Level previousLevel;

  private final KeyPair aliceKey = WireFixtures.key(1);
  private final KeyPair bobKey = WireFixtures.key(2);
  private final FrameCodec bob = WireFixtures.codec(bobKey);
  private final FrameCodec alice = WireFixtures.codec(aliceKey);
  private final KeyPair owner = WireFixtures.key(9);
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The codec logs each undecodable frame at debug: thousands here. */
  @BeforeContainer
  static void quietCodecLog() {
    codecLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(FrameCodec.class);
    previousLevel = codecLog.getLevel();
    codecLog.setLevel(Level.INFO);
  }

  @AfterContainer
  static void restoreCodecLog() {
    codecLog.setLevel(previousLevel);
  }

  /** Alice's frame of {@code type} around {@code payload}, as Bob decodes it. */
  private Decoded deliver(MessageType<?> type, byte[] payload) {
    long requestId;
    if (type.kind() == MessageKind.REPLY) {
      requestId = bob.nextRequestId();
      bob.outstanding().register(requestId, aliceKey.publicKey(), NOW + 10_000);
    } else {
      requestId = alice.nextRequestId();
    }
    byte[] frame =
        WireFixtures.signedFrame(aliceKey, type.id(), bobKey.nodeId(), requestId, payload);
    try {
      return bob.decode(frame, NOW);
    } finally {
      bob.outstanding().cancel(requestId);
    }
  }

  private static void assertDecodedOrUndecodable(MessageType<?> type, Decoded decoded) {
    if (decoded instanceof InboundFrame in) {
      assertThat(in.type()).isEqualTo(type);
      assertThat(in.payload()).isExactlyInstanceOf(type.payloadClass());
    } else {
      assertThat(decoded).isEqualTo(DropReason.UNDECODABLE);
    }
  }

  private static <T> byte[] payloadBytes(MessageType<T> type, Object value) {
    Output out = new Output(4_096, WireLimits.MAX_FRAME_BYTES);
    type.serializer().write(null, out, type.payloadClass().cast(value));
    return out.toBytes();
  }

  @Property(tries = 2_000)
  void arbitraryPayloadBytesDecodeOrAreUndecodableNeverThrow(
      @ForAll @IntRange(min = 0, max = 5) int typeIndex,
      @ForAll @Size(max = 1_500) byte[] payload) {
    MessageType<?> type = DhtWireTypes.ALL.get(typeIndex);

    assertDecodedOrUndecodable(type, deliver(type, payload));
  }

  @Property(tries = 1_500, edgeCases = EdgeCasesMode.NONE)
  void validPayloadsWithBytesChangedInsertedOrCutDecodeOrAreUndecodable(
      @ForAll("messages") Object message,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 0, max = 3) int operation,
      @ForAll byte b) {
    MessageType<?> type = typeOf(message);
    byte[] valid = payloadBytes(type, message);
    int at = position % (valid.length + 1);
    byte[] mutated =
        switch (operation) {
          case 0 -> {
            byte[] c = valid.clone();
            if (c.length > 0) {
              c[at % c.length] ^= b == 0 ? 1 : b;
            }
            yield c;
          }
          case 1 -> Arrays.copyOf(valid, at);
          case 2 -> insert(valid, at, new byte[] {b});
          default -> insert(valid, at, varint(HOSTILE_LENGTHS[position % HOSTILE_LENGTHS.length]));
        };

    assertDecodedOrUndecodable(type, deliver(type, mutated));
  }

  @Property(tries = 300)
  void hostileLengthsAreRefusedBeforeAnythingIsAllocated(
      @ForAll @IntRange(min = 0, max = 8) int lengthIndex,
      @ForAll @IntRange(min = 0, max = 3) int where) {
    int length = HOSTILE_LENGTHS[lengthIndex];
    byte[] trailing = payloadBytes(DhtWireTypes.NODES, new Nodes(0, List.of()));
    byte[] payload;
    MessageType<?> type;
    switch (where) {
      case 0 -> { // a host string length
        type = DhtWireTypes.FIND_NODE;
        payload = varint(length);
      }
      case 1 -> { // a store's record length, after a valid endpoint
        type = DhtWireTypes.STORE;
        payload = concat(endpointBytes(), varint(length));
      }
      case 2 -> { // a contact count
        type = DhtWireTypes.NODES;
        payload = concat(varint(length), trailing);
      }
      default -> { // a value's record length
        type = DhtWireTypes.VALUE;
        payload = concat(new byte[] {1}, varint(length));
      }
    }
    deliver(type, payload); // warm: the first decode of a type loads classes

    long before = threads.getCurrentThreadAllocatedBytes();
    Decoded decoded = deliver(type, payload);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(decoded).isEqualTo(DropReason.UNDECODABLE);
    assertThat(allocated).isLessThan(MAX_HOSTILE_DECODE_ALLOCATION_BYTES);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void everyGeneratedMessageRoundTrips(@ForAll("messages") Object message) {
    MessageType<?> type = typeOf(message);
    Decoded decoded = deliver(type, payloadBytes(type, message));

    assertThat(((InboundFrame) decoded).payload()).isEqualTo(message);
  }

  private static MessageType<?> typeOf(Object message) {
    for (MessageType<?> t : DhtWireTypes.ALL) {
      if (t.payloadClass() == message.getClass()) {
        return t;
      }
    }
    throw new AssertionError("no type for " + message);
  }

  // ---- generators ----

  @Provide
  Arbitrary<Object> messages() {
    Arbitrary<Endpoint> endpoints = endpoints();
    Arbitrary<NodeId> ids = Arbitraries.bytes().array(byte[].class).ofSize(32).map(NodeId::of);
    Arbitrary<Record> records = records();
    Arbitrary<List<Contact>> contacts =
        Combinators.combine(Arbitraries.integers().between(0, 255), endpoints)
            .as((n, e) -> Contact.of(WireFixtures.key(n).publicKey(), e))
            .list()
            .ofMaxSize(DhtLimits.MAX_CONTACTS_PER_REPLY);
    Arbitrary<Object> findNode = Combinators.combine(endpoints, ids).as(FindNodeRequest::new);
    Arbitrary<Object> findValue = Combinators.combine(endpoints, ids).as(FindValueRequest::new);
    Arbitrary<Object> store =
        Combinators.combine(
                endpoints, records, Arbitraries.longs(), Arbitraries.longs().greaterOrEqual(-1))
            .as(StoreRequest::new);
    Arbitrary<Object> nodes = contacts.map(c -> new Nodes(0, c));
    Arbitrary<Object> value =
        Combinators.combine(
                records.injectNull(0.3), Arbitraries.longs().greaterOrEqual(0), contacts)
            .as((r, ttl, c) -> new Value(0, r, r == null ? 0 : ttl, c));
    Arbitrary<Object> ack =
        Arbitraries.of(RejectReason.values())
            .injectNull(0.2)
            .map(reason -> new StoreAck(0, reason));
    return Arbitraries.oneOf(findNode, findValue, store, nodes, value, ack);
  }

  private Arbitrary<Endpoint> endpoints() {
    Arbitrary<String> hosts =
        Arbitraries.strings()
            .withChars("abcxyz0189.-_:%")
            .ofMinLength(1)
            .ofMaxLength(Endpoint.MAX_HOST_BYTES);
    return Combinators.combine(hosts, Arbitraries.integers().between(1, Endpoint.MAX_PORT))
        .as(Endpoint::new);
  }

  private Arbitrary<Record> records() {
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    Arbitrary<Record> immutable = values.map(ImmutableRecord::of);
    Arbitrary<Record> mutable =
        Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(DhtLimits.MAX_SALT_BYTES),
                Arbitraries.longs().greaterOrEqual(0),
                values)
            .as((salt, seq, v) -> MutableRecord.sign(owner, salt, seq, v));
    return Arbitraries.oneOf(immutable, mutable);
  }

  // ---- bytes ----

  private static byte[] endpointBytes() {
    Output out = new Output(300, -1);
    WireValues.writeEndpoint(out, new Endpoint("127.0.0.1", 7946));
    return out.toBytes();
  }

  private static byte[] varint(int value) {
    Output out = new Output(8, -1);
    out.writeVarInt(value, true);
    return out.toBytes();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
    byte[] out = new byte[bytes.length + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
    return out;
  }
}
