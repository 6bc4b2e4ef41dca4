package io.skein.node.dht;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import io.skein.dht.Contact;
import io.skein.dht.Dht;
import io.skein.dht.DhtConfig;
import io.skein.dht.DhtResult;
import io.skein.dht.FindNodeResult;
import io.skein.dht.Outbound;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.msg.FindNode;
import io.skein.dht.msg.FindValue;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.Store;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.RecordStore;
import io.skein.dht.record.StoredRecord;
import io.skein.node.NodeContext;
import io.skein.node.loop.TimerHandle;
import io.skein.node.transport.RouteId;
import io.skein.node.wire.InboundFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link Dht} core on the node's event loop (every method runs on the loop thread).
 *
 * <p>Frames to core: an inbound request becomes the core message with the frame's request id as its
 * rpc id and the contact (frame signer, endpoint carried in the request); the core's answer to it
 * goes back over the connection the request came in on, with the same id. A request of the core
 * goes out with a fresh frame request id, remembered in {@link SentRequests} with the core's rpc id
 * and the contact asked; the reply frame (which the codec accepts only for that outstanding id) is
 * handed to the core under that rpc id and contact. A request the transport refuses fails in the
 * core at once ({@link Dht#onSendFailed}); timeouts are the core's own: a request that got no
 * answer times out in the core after {@code requestTimeoutNanos}.
 *
 * <p>A contact not yet in the routing table is asked at its advertised endpoint, unaddressed, so
 * that the transport cannot shortcut through a connection the peer opened to us: its answer, which
 * is what admits it to the table, then proves it listens where it says. The reply's signer is
 * checked against the contact's key here (the codec does it for addressed requests).
 *
 * <p>Time: the core runs on {@link CoreClock} (epoch nanoseconds); a loop timer fires at the core's
 * {@link Dht#nextDeadlineNanos()} (at most {@link #MAX_TIMER_DELAY_NANOS} ahead), moved earlier
 * when an input brings the deadline forward.
 */
final class DhtDriver {
  private static final Logger log = LoggerFactory.getLogger(DhtDriver.class);
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /**
   * Longest the timer is set ahead: 1 s. A far deadline (a bucket refresh minutes away) costs one
   * idle tick a second, and a timer cancelled because an input brought the deadline forward leaves
   * the loop's timer queue within a second instead of lingering until its far deadline.
   */
  static final long MAX_TIMER_DELAY_NANOS = 1_000 * NANOS_PER_MILLI;

  /** A user operation's future, completed with its result type. */
  private record Waiter<T extends DhtResult>(Class<T> type, CompletableFuture<T> future) {
    void complete(DhtResult result) {
      if (type.isInstance(result)) {
        future.complete(type.cast(result));
      } else {
        future.completeExceptionally(
            new IllegalStateException("expected a " + type.getSimpleName() + ", got " + result));
      }
    }
  }

  private final NodeContext context;
  private final String shortId;
  private final DhtConfig config;
  private final DhtMetrics metrics;
  private final RecordStore store;
  private final CoreClock clock;
  private final Dht dht;
  private final long requestTimeoutMillis;
  private final SentRequests sent = new SentRequests();
  private final Map<Long, Waiter<?>> waiters = new HashMap<>();
  private final DhtService.Snapshot snapshot;
  private TimerHandle timer;
  private long timerDeadlineNanos;
  private boolean closed;
  // the inbound request being served: the core's reply to it goes back over its route
  private InboundFrame serving;
  private RouteId servingRoute;

  DhtDriver(
      NodeContext context,
      DhtConfig config,
      RecordStore store,
      Endpoint advertised,
      RandomGenerator random,
      DhtMetrics metrics,
      DhtService.Snapshot snapshot) {
    this.context = context;
    this.shortId = context.shortId();
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.snapshot = snapshot;
    this.clock = new CoreClock(context.nowNanos(), context.wallMillis());
    this.requestTimeoutMillis =
        Math.max(1, -Math.floorDiv(-config.requestTimeoutNanos(), NANOS_PER_MILLI));
    this.dht = new Dht(config, context.key(), Ed25519.VERIFIER, advertised, store, random, now());
    afterInput();
  }

  private long now() {
    return clock.coreNanos(context.nowNanos());
  }

  Contact self() {
    return dht.self();
  }

  /** The core, for starting operations (loop thread only). */
  Dht dht() {
    return dht;
  }

  // ---- user operations --------------------------------------------------------------------------

  /**
   * Starts an operation ({@code start} gets the core time and returns the core's operation id) and
   * completes {@code future} with its result.
   */
  <T extends DhtResult> void start(
      Class<T> type, CompletableFuture<T> future, LongUnaryOperator start) {
    if (closed) {
      future.completeExceptionally(new CancellationException(shortId + " dht service closed"));
      return;
    }
    long id;
    try {
      id = start.applyAsLong(now());
    } catch (IllegalStateException e) {
      future.completeExceptionally(e); // too many operations running
      return;
    }
    waiters.put(id, new Waiter<>(type, future));
    flush();
    afterInput();
  }

  /** Probes {@code seeds} for their keys, then bootstraps from those that answered. */
  void bootstrapFrom(List<Endpoint> seeds, CompletableFuture<FindNodeResult> future) {
    if (closed) {
      future.completeExceptionally(new CancellationException(shortId + " dht service closed"));
      return;
    }
    Join join = new Join(future, seeds);
    long now = now();
    Contact self = dht.self();
    for (Endpoint seed : seeds) {
      long frameId =
          context.request(
              seed,
              null,
              DhtWireTypes.FIND_NODE,
              new FindNodeRequest(self.endpoint(), self.id()),
              requestTimeoutMillis);
      if (frameId < 0) {
        metrics.sendFailed();
        join.failed();
      } else {
        sent.add(new SentRequests.Sent(frameId, 0, null, seed, join, now + timeoutNanos()));
      }
    }
    finishJoinIfSettled(join);
    afterInput();
  }

  private void finishJoinIfSettled(Join join) {
    if (!join.settled() || join.future.isDone()) {
      return;
    }
    List<Contact> contacts = join.contacts();
    if (contacts.isEmpty()) {
      join.future.completeExceptionally(
          new TimeoutException(
              shortId + " no seed answered within " + requestTimeoutMillis + " ms: " + join.seeds));
      return;
    }
    log.debug("{} bootstrapping from {} contacts", shortId, contacts.size());
    start(FindNodeResult.class, join.future, now -> dht.bootstrap(now, contacts));
  }

  void onMemberAlive(Contact member) {
    if (!closed) {
      dht.onMemberAlive(now(), member);
      flush();
      afterInput();
    }
  }

  void onMemberDead(NodeId member) {
    if (!closed) {
      dht.onMemberDead(now(), member);
      flush();
      afterInput();
    }
  }

  boolean forget(RecordKey key) {
    return dht.forget(key);
  }

  StoredRecord localRecord(RecordKey key) {
    return store.get(key, Math.floorDiv(now(), NANOS_PER_MILLI));
  }

  // ---- frames -----------------------------------------------------------------------------------

  boolean onFrame(InboundFrame frame, RouteId route) {
    Object payload = frame.payload();
    if (payload instanceof FindNodeRequest r) {
      serve(frame, route, r.senderEndpoint(), r.toCore(frame.requestId()));
    } else if (payload instanceof FindValueRequest r) {
      serve(frame, route, r.senderEndpoint(), r.toCore(frame.requestId()));
    } else if (payload instanceof StoreRequest r) {
      serve(frame, route, r.senderEndpoint(), r.toCore(frame.requestId()));
    } else if (payload instanceof Nodes
        || payload instanceof Value
        || payload instanceof StoreAck) {
      onReply(frame, (DhtMessage) payload);
    } else {
      return false;
    }
    afterInput();
    return true;
  }

  private void serve(InboundFrame frame, RouteId route, Endpoint endpoint, DhtMessage request) {
    if (closed) {
      return;
    }
    serving = frame;
    servingRoute = route;
    try {
      dht.onMessage(now(), Contact.of(frame.sender(), endpoint), request);
      flush();
    } finally {
      serving = null;
      servingRoute = null;
    }
  }

  private void onReply(InboundFrame frame, DhtMessage reply) {
    SentRequests.Sent s = sent.remove(frame.requestId());
    if (s == null || closed) {
      metrics.frameUnmatched(); // answers another service's request, or came after our deadline
      return;
    }
    if (s.isProbe()) {
      if (reply instanceof Nodes nodes) {
        s.join().answered(Contact.of(frame.sender(), s.endpoint()), nodes.closer());
      } else {
        metrics.frameUnmatched();
        s.join().failed();
      }
      finishJoinIfSettled(s.join());
      return;
    }
    if (!frame.sender().equals(s.to().publicKey())) {
      metrics.frameUnmatched(); // an unaddressed request answered by another key: a timeout
      return;
    }
    dht.onMessage(now(), s.to(), withRpcId(reply, s.rpcId()));
    flush();
  }

  private static DhtMessage withRpcId(DhtMessage reply, long rpcId) {
    if (reply instanceof Nodes n) {
      return new Nodes(rpcId, n.closer());
    }
    if (reply instanceof Value v) {
      return new Value(rpcId, v.record(), v.remainingTtlMillis(), v.closer());
    }
    return new StoreAck(rpcId, ((StoreAck) reply).reason());
  }

  // ---- output -----------------------------------------------------------------------------------

  /** Sends what the core queued and completes the operations it finished. */
  private void flush() {
    // a request the transport refuses fails in the core at once, which may queue more to send
    for (List<Outbound> batch = dht.drainOutbox(); !batch.isEmpty(); batch = dht.drainOutbox()) {
      for (Outbound out : batch) {
        if (out.message().isRequest()) {
          if (!sendRequest(out.to(), out.message())) {
            dht.onSendFailed(now(), out.to().id(), out.message().rpcId());
          }
        } else {
          sendReply(out.to(), out.message());
        }
      }
    }
    List<DhtResult> results = dht.drainResults();
    if (results.isEmpty()) {
      return;
    }
    publish(); // so that a future's dependents see the state the result came from
    for (DhtResult result : results) {
      metrics.onResult(result);
      Waiter<?> waiter = waiters.remove(result.operationId());
      if (waiter != null) {
        waiter.complete(result);
      }
    }
  }

  /** Sends a request of the core; false if the transport refused it. */
  private boolean sendRequest(Contact to, DhtMessage request) {
    boolean verified = dht.routingTable().contains(to.id());
    PublicKey expected = verified ? to.publicKey() : null;
    Endpoint self = dht.self().endpoint();
    long frameId;
    try {
      if (request instanceof FindNode f) {
        frameId =
            context.request(
                to.endpoint(),
                expected,
                DhtWireTypes.FIND_NODE,
                new FindNodeRequest(self, f.target()),
                requestTimeoutMillis);
      } else if (request instanceof FindValue f) {
        frameId =
            context.request(
                to.endpoint(),
                expected,
                DhtWireTypes.FIND_VALUE,
                new FindValueRequest(self, f.key()),
                requestTimeoutMillis);
      } else {
        Store s = (Store) request;
        frameId =
            context.request(
                to.endpoint(),
                expected,
                DhtWireTypes.STORE,
                new StoreRequest(self, s.record(), s.cas(), s.ttlMillis()),
                requestTimeoutMillis);
      }
    } catch (IllegalArgumentException e) {
      log.warn("{} cannot encode a dht request to {}: {}", shortId, to, e.getMessage());
      frameId = -1;
    }
    if (frameId < 0) {
      metrics.sendFailed();
      return false;
    }
    sent.add(
        new SentRequests.Sent(
            frameId, request.rpcId(), to, to.endpoint(), null, now() + timeoutNanos()));
    return true;
  }

  private void sendReply(Contact to, DhtMessage reply) {
    InboundFrame request = serving;
    if (request == null
        || reply.rpcId() != request.requestId()
        || !to.publicKey().equals(request.sender())) {
      log.warn("{} dropped a dht reply to {} that answers no request being served", shortId, to);
      return;
    }
    if (reply instanceof Nodes n) {
      context.reply(servingRoute, request.sender(), request.requestId(), DhtWireTypes.NODES, n);
    } else if (reply instanceof Value v) {
      context.reply(servingRoute, request.sender(), request.requestId(), DhtWireTypes.VALUE, v);
    } else {
      context.reply(
          servingRoute,
          request.sender(),
          request.requestId(),
          DhtWireTypes.STORE_ACK,
          (StoreAck) reply);
    }
  }

  // ---- time -------------------------------------------------------------------------------------

  private long timeoutNanos() {
    return requestTimeoutMillis * NANOS_PER_MILLI;
  }

  private void onTimer() {
    timer = null;
    if (closed) {
      return;
    }
    long now = now();
    for (SentRequests.Sent s : sent.expire(now)) {
      if (s.isProbe()) {
        s.join().failed();
        finishJoinIfSettled(s.join());
      }
    }
    dht.onTick(now);
    flush();
    afterInput();
  }

  /** Re-arms the timer for the earliest deadline and exports counters. After every input. */
  private void afterInput() {
    if (closed) {
      return;
    }
    long now = now();
    long next = Math.min(dht.nextDeadlineNanos(), sent.nextDeadlineNanos());
    next = Math.min(next, now + MAX_TIMER_DELAY_NANOS);
    if (timer == null || next < timerDeadlineNanos) {
      if (timer != null) {
        timer.cancel();
      }
      timerDeadlineNanos = next;
      timer = context.loop().scheduleAt(clock.monotonicNanos(next), this::onTimer);
    }
    publish();
  }

  /** Exports the core's counters and the figures other threads read. */
  private void publish() {
    int records = store.size();
    metrics.sync(dht, records);
    snapshot.update(dht.routingTable().size(), records, dht.runningOperations());
  }

  /** Fails every waiting future; the core is dropped with the service. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    CancellationException why = new CancellationException(shortId + " dht service closed");
    for (Waiter<?> w : waiters.values()) {
      w.future().completeExceptionally(why);
    }
    waiters.clear();
    List<Join> joins = new ArrayList<>();
    for (SentRequests.Sent s : sent.clear()) {
      if (s.isProbe()) {
        joins.add(s.join());
      }
    }
    for (Join j : joins) {
      j.future.completeExceptionally(why);
    }
  }
}
