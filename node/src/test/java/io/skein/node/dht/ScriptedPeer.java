package io.skein.node.dht;

import io.skein.dht.msg.Nodes;
import io.skein.node.NodeContext;
import io.skein.node.NodeService;
import io.skein.node.transport.RouteId;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageTypes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A hand-driven DHT peer for tests: speaks the DHT wire types but has no core. It answers every
 * FIND_NODE with an empty {@code Nodes}, records every frame it accepts, and sends whatever a test
 * builds on its loop.
 */
final class ScriptedPeer implements NodeService {
  final ConcurrentLinkedQueue<InboundFrame> received = new ConcurrentLinkedQueue<>();
  volatile NodeContext context;

  @Override
  public void registerTypes(MessageTypes.Builder types) {
    DhtWireTypes.register(types);
  }

  @Override
  public void start(NodeContext context) {
    this.context = context;
  }

  @Override
  public boolean onFrame(InboundFrame frame, RouteId route) {
    received.add(frame);
    if (frame.payload() instanceof FindNodeRequest) {
      context.reply(
          route, frame.sender(), frame.requestId(), DhtWireTypes.NODES, new Nodes(0, List.of()));
    }
    return true;
  }

  @Override
  public void close() {}

  /** Runs {@code send} on the peer's loop and returns its result (a request id). */
  long send(Function<NodeContext, Long> send) throws Exception {
    CompletableFuture<Long> id = context.loop().submit(() -> send.apply(context));
    return id.get(10, TimeUnit.SECONDS);
  }

  /** The first received frame whose payload is a {@code type}, or {@code null}. */
  <T> T firstReceived(Class<T> type) {
    for (InboundFrame f : received) {
      if (type.isInstance(f.payload())) {
        return type.cast(f.payload());
      }
    }
    return null;
  }
}
