package io.skein.testnet;

import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordKey;
import io.skein.node.NodeContext;
import io.skein.node.NodeService;
import io.skein.node.dht.DhtWireTypes;
import io.skein.node.dht.FindValueRequest;
import io.skein.node.transport.RouteId;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageTypes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A malicious peer's front: offered every frame before the peer's honest DHT, it answers FIND_VALUE
 * for the keys it was told to lie about with a forged record, keeps the store acknowledgements it
 * gets, and lets a test send raw DHT requests from the peer. Everything else goes to the DHT.
 */
final class ForgingInterceptor implements NodeService {
  final Map<RecordKey, Record> forgeries = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<StoreAck> storeAcks = new ConcurrentLinkedQueue<>();
  private final Set<Long> sentIds = ConcurrentHashMap.newKeySet();
  private volatile NodeContext context;

  @Override
  public void registerTypes(MessageTypes.Builder types) {
    // the DHT service behind registers the DHT types
  }

  @Override
  public void start(NodeContext context) {
    this.context = context;
  }

  @Override
  public boolean onFrame(InboundFrame frame, RouteId route) {
    if (frame.payload() instanceof FindValueRequest request) {
      Record forged = forgeries.get(new RecordKey(request.key()));
      if (forged != null) {
        context.reply(
            route,
            frame.sender(),
            frame.requestId(),
            DhtWireTypes.VALUE,
            new Value(0, forged, 600_000, List.of()));
        return true;
      }
    }
    if (frame.payload() instanceof StoreAck ack && sentIds.remove(frame.requestId())) {
      // answers to the raw requests a test sent, not to the DHT's own: they stop here
      storeAcks.add(ack);
      return true;
    }
    return false;
  }

  @Override
  public void close() {}

  /** Runs {@code send} on the peer's loop and returns its result (a frame request id). */
  long send(Function<NodeContext, Long> send) throws Exception {
    CompletableFuture<Long> id =
        context
            .loop()
            .submit(
                () -> {
                  long requestId = send.apply(context);
                  sentIds.add(requestId);
                  return requestId;
                });
    return id.get(10, TimeUnit.SECONDS);
  }
}
