package io.skein.node.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipConfig;
import io.skein.gossip.GossipStats;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Ping;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.NodeContext;
import io.skein.node.NodeService;
import io.skein.node.transport.RouteId;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.MessageTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the wire leaves out of probes: a ping's target key travels only as its frame's recipient (a
 * ping frame addressed to nobody is dropped and counted, one addressed to the node is answered),
 * and an ack carries no return address (one from a key that is no member is dropped and counted).
 */
class PingRecipientTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<Node> nodes = new ArrayList<>();
  private final GossipService gossip =
      new GossipService(GossipConfig.wan(), null, new SplittableRandom(1));
  private final RawPeer peer = new RawPeer();
  private Node target;

  @BeforeEach
  void startTargetAndPeer() throws Exception {
    target = Node.start(KeyPair.generate(), NodeConfig.local(), List.of(gossip), null);
    nodes.add(target);
    nodes.add(Node.start(KeyPair.generate(), NodeConfig.local(), List.of(peer), null));
  }

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  @Test
  void aPingFrameNamingNoRecipientIsDroppedAndOneAddressedToTheNodeIsAnswered() {
    peer.send(target.endpoint(), null, new Ping(7, null, List.of()));
    await().atMost(WAIT).until(() -> gossip.metrics().pingsUnaddressed() == 1);
    peer.send(target.endpoint(), target.publicKey(), new Ping(8, null, List.of()));

    await().atMost(WAIT).until(() -> peer.acked(8));
    assertThat(peer.acked(7)).isFalse();
    assertThat(gossip.metrics().pingsUnaddressed()).isEqualTo(1);
  }

  @Test
  void anAckSignedByNoKnownMemberIsDroppedBeforeTheCore() {
    peer.send(
        target.endpoint(),
        target.publicKey(),
        GossipWireTypes.ACK,
        new GossipEnvelope.OfAck(null, new Ack(9, List.of())));

    await().atMost(WAIT).until(() -> gossip.metrics().acksFromStrangers() == 1);
    assertThat(gossip.metrics().counter(GossipStats.Counter.MESSAGES_RECEIVED)).isZero();
  }

  /** A bare peer: sends raw gossip frames and records the gossip messages it receives. */
  private static final class RawPeer implements NodeService {
    private volatile NodeContext context;
    private final ConcurrentLinkedQueue<GossipMessage> received = new ConcurrentLinkedQueue<>();

    @Override
    public void registerTypes(MessageTypes.Builder types) {
      GossipWireTypes.register(types);
    }

    @Override
    public void start(NodeContext ctx) {
      context = ctx;
    }

    @Override
    public boolean onFrame(InboundFrame frame, RouteId route) {
      if (frame.payload() instanceof GossipEnvelope e) {
        received.add(e.message());
        return true;
      }
      return false;
    }

    @Override
    public void close() {}

    void send(Endpoint to, PublicKey recipientOrNull, Ping ping) {
      send(to, recipientOrNull, GossipWireTypes.PING, new GossipEnvelope.OfPing(endpoint(), ping));
    }

    <T> void send(Endpoint to, PublicKey recipientOrNull, MessageType<T> type, T envelope) {
      NodeContext ctx = context;
      ctx.loop().execute(() -> ctx.send(to, recipientOrNull, type, envelope));
    }

    Endpoint endpoint() {
      return context.endpoint();
    }

    boolean acked(long seq) {
      return received.stream().anyMatch(m -> m instanceof Ack a && a.seq() == seq);
    }
  }
}
