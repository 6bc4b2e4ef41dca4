package io.skein.node.dht;

import static io.skein.node.dht.WireFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.skein.node.wire.MessageType;
import io.skein.node.wire.WireTypeIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhtWireRoundTripTest {
  private final KeyPair aliceKey = WireFixtures.key(1);
  private final KeyPair bobKey = WireFixtures.key(2);
  private final FrameCodec alice = WireFixtures.codec(aliceKey);
  private final FrameCodec bob = WireFixtures.codec(bobKey);
  private final Endpoint aliceEndpoint = new Endpoint("127.0.0.1", 7946);
  private final KeyPair owner = WireFixtures.key(9);

  /** Alice sends a request of {@code type}; Bob decodes it. */
  private <T> InboundFrame request(MessageType<T> type, T payload) {
    byte[] frame = alice.encode(type, bob.localId(), alice.nextRequestId(), payload, NOW);
    return (InboundFrame) bob.decode(frame, NOW);
  }

  /** Alice registers a request to Bob; Bob's reply of {@code type} to it is decoded by Alice. */
  private <T> Decoded reply(MessageType<T> type, T payload) {
    long requestId = alice.nextRequestId();
    alice.outstanding().register(requestId, bobKey.publicKey(), NOW + 1_000);
    byte[] frame = bob.encode(type, alice.localId(), requestId, payload, NOW);
    return alice.decode(frame, NOW);
  }

  private static List<Contact> contacts(int n) {
    List<Contact> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(WireFixtures.contact(100 + i));
    }
    return out;
  }

  @Test
  void typesUseTheDhtIdRangeAndRequestsExpectReplies() {
    assertThat(DhtWireTypes.ALL)
        .extracting(MessageType::id)
        .containsExactly(
            WireTypeIds.DHT_FIND_NODE,
            WireTypeIds.DHT_FIND_VALUE,
            WireTypeIds.DHT_STORE,
            WireTypeIds.DHT_NODES,
            WireTypeIds.DHT_VALUE,
            WireTypeIds.DHT_STORE_ACK)
        .allMatch(id -> id >= 64 && id <= 127);
    assertThat(DhtWireTypes.FIND_NODE.kind().name()).isEqualTo("REQUEST");
    assertThat(DhtWireTypes.FIND_VALUE.kind().name()).isEqualTo("REQUEST");
    assertThat(DhtWireTypes.STORE.kind().name()).isEqualTo("REQUEST");
    assertThat(DhtWireTypes.NODES.kind().name()).isEqualTo("REPLY");
    assertThat(DhtWireTypes.VALUE.kind().name()).isEqualTo("REPLY");
    assertThat(DhtWireTypes.STORE_ACK.kind().name()).isEqualTo("REPLY");
  }

  @Test
  void findNodeRoundTripsWithTheSendersEndpoint() {
    FindNodeRequest sent = new FindNodeRequest(aliceEndpoint, bobKey.nodeId());

    InboundFrame in = request(DhtWireTypes.FIND_NODE, sent);

    assertThat(in.payload()).isEqualTo(sent);
    assertThat(in.sender()).isEqualTo(aliceKey.publicKey());
  }

  @Test
  void findValueRoundTripsWithAnIpv6Endpoint() {
    FindValueRequest sent =
        new FindValueRequest(new Endpoint("fe80::1%eth0", 65535), NodeId.fromHex("ab".repeat(32)));

    assertThat(request(DhtWireTypes.FIND_VALUE, sent).payload()).isEqualTo(sent);
  }

  @Test
  void storeRoundTripsImmutableAndMutableRecordsWithCasAndTtl() {
    Record immutable = ImmutableRecord.of(new byte[] {1, 2, 3});
    Record mutable = MutableRecord.sign(owner, "salt".getBytes(), 7, "value".getBytes());
    for (Record r : List.of(immutable, mutable)) {
      StoreRequest sent = new StoreRequest(aliceEndpoint, r, 6, 3_600_000);

      StoreRequest got = (StoreRequest) request(DhtWireTypes.STORE, sent).payload();

      assertThat(got).isEqualTo(sent);
      assertThat(got.record().key()).isEqualTo(r.key());
    }
  }

  @Test
  void theLargestRecordFitsInAFrame() {
    Record largest =
        MutableRecord.sign(
            owner,
            new byte[DhtLimits.MAX_SALT_BYTES],
            Long.MAX_VALUE,
            new byte[DhtLimits.MAX_VALUE_BYTES]);
    StoreRequest store =
        new StoreRequest(
            new Endpoint("h".repeat(Endpoint.MAX_HOST_BYTES), 1), largest, Long.MIN_VALUE, -1);

    assertThat(request(DhtWireTypes.STORE, store).payload()).isEqualTo(store);
    Value value = new Value(0, largest, Long.MAX_VALUE, contacts(DhtLimits.MAX_CONTACTS_PER_REPLY));
    assertThat(((InboundFrame) reply(DhtWireTypes.VALUE, value)).payload()).isEqualTo(value);
  }

  @Test
  void nodesRoundTripsUpToAFullBucketAndRebuildsIdsFromKeys() {
    for (int n : new int[] {0, 1, DhtLimits.MAX_CONTACTS_PER_REPLY}) {
      Nodes sent = new Nodes(0, contacts(n));

      Nodes got = (Nodes) ((InboundFrame) reply(DhtWireTypes.NODES, sent)).payload();

      assertThat(got).isEqualTo(sent);
      for (Contact c : got.closer()) {
        assertThat(c.id()).isEqualTo(c.publicKey().nodeId());
      }
    }
  }

  @Test
  void valueRoundTripsWithAndWithoutARecord() {
    Value none = new Value(0, null, 0, contacts(3));
    Value some =
        new Value(
            0, MutableRecord.sign(owner, new byte[0], 1, new byte[] {9}), 12_345, contacts(2));

    assertThat(((InboundFrame) reply(DhtWireTypes.VALUE, none)).payload()).isEqualTo(none);
    assertThat(((InboundFrame) reply(DhtWireTypes.VALUE, some)).payload()).isEqualTo(some);
  }

  @Test
  void storeAckRoundTripsStoredAndEveryRejectReason() {
    assertThat(((InboundFrame) reply(DhtWireTypes.STORE_ACK, StoreAck.stored(0))).payload())
        .isEqualTo(StoreAck.stored(0));
    for (RejectReason reason : RejectReason.values()) {
      StoreAck ack = new StoreAck(0, reason);

      assertThat(((InboundFrame) reply(DhtWireTypes.STORE_ACK, ack)).payload()).isEqualTo(ack);
    }
  }

  @Test
  void rpcIdsAreNotOnTheWireTheFrameRequestIdStandsForThem() {
    Decoded decoded = reply(DhtWireTypes.STORE_ACK, StoreAck.stored(123_456_789L));

    assertThat(((StoreAck) ((InboundFrame) decoded).payload()).rpcId()).isZero();
  }

  @Test
  void aReplyIsAcceptedOnlyForAnOutstandingRequestFromTheExpectedKey() {
    Nodes nodes = new Nodes(0, contacts(1));
    long unknownId = alice.nextRequestId();
    byte[] unsolicited = bob.encode(DhtWireTypes.NODES, alice.localId(), unknownId, nodes, NOW);
    assertThat(alice.decode(unsolicited, NOW)).isEqualTo(DropReason.UNSOLICITED_REPLY);

    KeyPair mallory = WireFixtures.key(3);
    FrameCodec malloryCodec = WireFixtures.codec(mallory);
    long requestId = alice.nextRequestId();
    alice.outstanding().register(requestId, bobKey.publicKey(), NOW + 1_000);
    byte[] forged = malloryCodec.encode(DhtWireTypes.NODES, alice.localId(), requestId, nodes, NOW);
    assertThat(alice.decode(forged, NOW)).isEqualTo(DropReason.UNSOLICITED_REPLY);

    byte[] genuine = bob.encode(DhtWireTypes.NODES, alice.localId(), requestId, nodes, NOW);
    assertThat(alice.decode(genuine, NOW)).isInstanceOf(InboundFrame.class);
    assertThat(alice.decode(genuine, NOW)).isEqualTo(DropReason.UNSOLICITED_REPLY);
  }

  @Test
  void aStoreCarriesTheRecordBytesExactlyAsSigned() {
    MutableRecord r = MutableRecord.sign(owner, "s".getBytes(), 3, "v".getBytes());
    StoreRequest got =
        (StoreRequest)
            request(DhtWireTypes.STORE, new StoreRequest(aliceEndpoint, r, -1, 1_000)).payload();

    MutableRecord m = (MutableRecord) got.record();
    assertThat(Arrays.equals(m.signature(), r.signature())).isTrue();
    assertThat(Arrays.equals(m.signedBytes(), r.signedBytes())).isTrue();
  }
}
