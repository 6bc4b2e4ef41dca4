package io.skein.node.gossip;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.gossip.GossipConfig;
import io.skein.gossip.Member;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.Outbound;
import io.skein.gossip.Swim;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.node.NodeContext;
import io.skein.node.NodeService;
import io.skein.node.loop.TimerHandle;
import io.skein.node.transport.RouteId;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.MessageTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SWIM membership inside a node: hosts one {@link Swim} core on the node's event loop and drives it
 * as the core's package documentation describes. It hands every gossip frame to the core (with the
 * sender's advertised endpoint from the {@link GossipEnvelope} and the key that signed the frame),
 * wakes the core at its next deadline with a loop timer, sends what the core puts in its outbox as
 * signed ONE_WAY frames, and passes membership events to listeners and to {@link GossipMetrics}.
 *
 * <p>Thread-safe API: {@link #members()}, {@link #join}, {@link #leave}, {@link #addListener}. All
 * else runs on the loop thread.
 */
public final class GossipService implements NodeService {
  /**
   * Default bound on {@link #leave()}: 5 s, Serf's BroadcastTimeout. The leave claim needs {@code
   * retransmitMult * ceil(log10(N + 1))} sends (8 at N = 50 on lan), which gossip rounds to 3
   * members every 200 ms deliver in under a second.
   */
  public static final long DEFAULT_LEAVE_TIMEOUT_MILLIS = 5_000;

  /** The {@link #members()} copy is refreshed on every member event and at least this often. */
  static final long SNAPSHOT_REFRESH_NANOS = 1_000_000_000L;

  /**
   * Least time between two ticks of the core: a deadline already due is taken up to this much
   * later, so the loop serves its sockets between ticks even if a deadline stays in the past.
   */
  static final long MIN_TICK_SPACING_NANOS = 1_000_000L;

  private static final Logger log = LoggerFactory.getLogger(GossipService.class);

  private final GossipConfig config;
  private final Endpoint advertiseOrNull;
  private final RandomGenerator random;
  private final CopyOnWriteArrayList<Consumer<MemberEvent>> listeners =
      new CopyOnWriteArrayList<>();
  private volatile List<Member> members = List.of();
  private volatile NodeContext context;
  private volatile GossipMetrics metrics;

  // loop thread only
  private Swim swim;
  private String shortId = "-";
  private Endpoint advertised;
  private TimerHandle timer;
  private long timerAtNanos;
  private long snapshotAtNanos;
  private boolean closed;
  private final List<CompletableFuture<Void>> joinWaiters = new ArrayList<>();
  private final List<LeaveWaiter> leaveWaiters = new ArrayList<>();

  private record LeaveWaiter(CompletableFuture<Boolean> future, TimerHandle timeout) {}

  /**
   * A service advertising the node's listen endpoint, with a randomly seeded generator.
   *
   * @param config the SWIM tuning (a {@link GossipConfig} preset)
   */
  public GossipService(GossipConfig config) {
    this(config, null, new SplittableRandom());
  }

  /**
   * A service.
   *
   * @param config the SWIM tuning (a {@link GossipConfig} preset)
   * @param advertiseOrNull the endpoint other members reach this node at, or {@code null} for the
   *     node's listen endpoint (which will not do if the node listens on a wildcard address)
   * @param random the core's only source of randomness
   */
  public GossipService(GossipConfig config, Endpoint advertiseOrNull, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.advertiseOrNull = advertiseOrNull;
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public void registerTypes(MessageTypes.Builder types) {
    GossipWireTypes.register(types);
  }

  @Override
  public void start(NodeContext ctx) {
    shortId = ctx.shortId();
    advertised = advertiseOrNull != null ? advertiseOrNull : ctx.endpoint();
    if (advertised.host().equals("0.0.0.0") || advertised.host().equals("::")) {
      log.warn("{} advertises the wildcard address {}: peers cannot reach it", shortId, advertised);
    }
    metrics = new GossipMetrics(ctx.registry());
    long now = ctx.nowNanos();
    swim = new Swim(config, ctx.key(), Ed25519.VERIFIER, advertised, random, now);
    context = ctx;
    log.info("{} gossip started at {}", shortId, advertised);
    afterStep(now);
  }

  @Override
  public boolean onFrame(InboundFrame frame, RouteId route) {
    if (!(frame.payload() instanceof GossipEnvelope envelope)) {
      return false;
    }
    if (swim != null && !closed) {
      if (envelope.message() instanceof Ping ping
          && ping.target() == null
          && !frame.addressedToUs()) {
        // The wire leaves the target key out; only the frame's recipient can say who it was for.
        metrics.pingUnaddressed();
        return true;
      }
      Endpoint from = envelope.from();
      if (from == null) {
        // An ack names no return address: it needs none, only a sender we probed.
        from = swim.member(frame.sender()).map(Member::endpoint).orElse(null);
        if (from == null) {
          metrics.ackFromStranger();
          return true;
        }
      }
      long now = context.nowNanos();
      swim.onMessage(now, from, frame.sender(), envelope.message());
      afterStep(now);
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    for (CompletableFuture<Void> f : joinWaiters) {
      f.completeExceptionally(new CancellationException(shortId + " node closed"));
    }
    joinWaiters.clear();
    for (LeaveWaiter w : leaveWaiters) {
      w.timeout.cancel();
      w.future.complete(false);
    }
    leaveWaiters.clear();
  }

  // ---- thread-safe API ----

  /**
   * Every member this node knows, itself first, then in the order they were learned. A copy taken
   * on the loop thread at every membership event and at least every second (an incarnation bump of
   * an alive member, which is no event, may show up to a second late). Empty before the node
   * started.
   */
  public List<Member> members() {
    return members;
  }

  /**
   * Joins the cluster through {@code seeds} (endpoints; their keys need not be known). Seeds are
   * asked again every {@code joinRetryInterval} while this node knows no other live member.
   *
   * @return completes once a seed answered or another live member is known; fails if the node is
   *     not started or closes first. Apply your own timeout ({@code orTimeout}).
   */
  public CompletableFuture<Void> join(Collection<Endpoint> seeds) {
    List<Endpoint> copy = List.copyOf(seeds);
    CompletableFuture<Void> joined = new CompletableFuture<>();
    onLoop(
        joined,
        () -> {
          long now = context.nowNanos();
          log.info("{} joining through {}", shortId, copy);
          joinWaiters.add(joined);
          swim.join(now, copy);
          afterStep(now);
        });
    return joined;
  }

  /** {@link #leave(Duration)} with {@link #DEFAULT_LEAVE_TIMEOUT_MILLIS}. */
  public CompletableFuture<Boolean> leave() {
    return leave(Duration.ofMillis(DEFAULT_LEAVE_TIMEOUT_MILLIS));
  }

  /**
   * Leaves gracefully: signs a leave claim and gossips it; the node stops probing and no longer
   * refutes accusations. Close the node once the future completes.
   *
   * @return completes with {@code true} once the leave claim was sent its full retransmit count (or
   *     no live member is left to tell), {@code false} if that took longer than {@code timeout} or
   *     the node closed first; fails if the node is not started
   */
  public CompletableFuture<Boolean> leave(Duration timeout) {
    long timeoutNanos = timeout.toNanos();
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    onLoop(
        done,
        () -> {
          long now = context.nowNanos();
          log.info("{} leaving", shortId);
          TimerHandle t =
              context
                  .loop()
                  .schedule(
                      timeoutNanos,
                      () -> {
                        if (leaveWaiters.removeIf(w -> w.future == done)) {
                          log.warn(
                              "{} leave not fully gossiped within {} ms",
                              shortId,
                              timeout.toMillis());
                          done.complete(false);
                        }
                      });
          leaveWaiters.add(new LeaveWaiter(done, t));
          swim.leave(now);
          afterStep(now);
        });
    return done;
  }

  /**
   * Adds a listener for member events (joined, updated, suspect, alive, dead, left). It runs on the
   * node's event loop, in event order, and must return quickly (hand heavy work to another
   * executor); an exception it throws is logged and counted, and does not reach the core.
   */
  public void addListener(Consumer<MemberEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added with {@link #addListener}. */
  public void removeListener(Consumer<MemberEvent> listener) {
    listeners.remove(listener);
  }

  /** The service's metrics; {@code null} until the node started it. */
  public GossipMetrics metrics() {
    return metrics;
  }

  /** The SWIM tuning in use. */
  public GossipConfig config() {
    return config;
  }

  private void onLoop(CompletableFuture<?> result, Runnable action) {
    NodeContext ctx = context;
    if (ctx == null) {
      result.completeExceptionally(new IllegalStateException("gossip service not started"));
      return;
    }
    // submit, not execute: a task still queued when the loop closes fails its future
    ctx.loop()
        .submit(
            () -> {
              if (closed) {
                throw new CancellationException(shortId + " node closed");
              }
              action.run();
              return null;
            })
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                result.completeExceptionally(error);
              }
            });
  }

  // ---- driving the core (loop thread) ----

  private void onTimer() {
    timer = null;
    if (closed) {
      return;
    }
    long now = context.nowNanos();
    swim.onTick(now);
    afterStep(now);
  }

  /** After every call into the core: send, publish, re-arm. */
  private void afterStep(long now) {
    for (Outbound out : swim.drainOutbox()) {
      send(out);
    }
    List<MemberEvent> events = swim.drainEvents();
    if (!events.isEmpty() || now - snapshotAtNanos >= SNAPSHOT_REFRESH_NANOS) {
      members = swim.members();
      snapshotAtNanos = now;
    }
    for (MemberEvent e : events) {
      publish(e);
    }
    metrics.sync(swim.stats());
    if (!joinWaiters.isEmpty() && swim.joined()) {
      joinWaiters.forEach(f -> f.complete(null));
      joinWaiters.clear();
    }
    if (!leaveWaiters.isEmpty() && swim.leaveComplete()) {
      log.info("{} leave gossiped", shortId);
      for (LeaveWaiter w : leaveWaiters) {
        w.timeout.cancel();
        w.future.complete(true);
      }
      leaveWaiters.clear();
    }
    arm(now);
  }

  private void arm(long now) {
    if (closed) {
      return;
    }
    long next = swim.nextDeadlineNanos();
    if (next == Long.MAX_VALUE) {
      return; // nothing scheduled; the next message re-arms
    }
    if (next - now < MIN_TICK_SPACING_NANOS) {
      next = now + MIN_TICK_SPACING_NANOS;
    }
    if (timer != null) {
      if (timerAtNanos - next <= 0) {
        return; // already armed for then or earlier; an early tick is harmless
      }
      timer.cancel();
    }
    timerAtNanos = next;
    timer = context.loop().scheduleAt(next, this::onTimer);
  }

  private void publish(MemberEvent e) {
    metrics.event(e.type());
    if (e.type() == MemberEvent.Type.JOINED) {
      // A verified alive claim vouched for this key: frames with its short sender id now resolve.
      context.codec().learnKey(e.member().key());
    }
    if (e.type() == MemberEvent.Type.DEAD || e.type() == MemberEvent.Type.LEFT) {
      log.info("{} member {} is {}", shortId, e.member().id().shortId(), e.type());
    } else if (log.isDebugEnabled()) {
      log.debug("{} member {} {}", shortId, e.member().id().shortId(), e.type());
    }
    for (Consumer<MemberEvent> listener : listeners) {
      try {
        listener.accept(e);
      } catch (RuntimeException ex) {
        metrics.listenerError();
        log.warn("{} member event listener {} failed on {}", shortId, listener, e, ex);
      }
    }
  }

  private void send(Outbound out) {
    if (out.message() instanceof Ping ping
        && (out.expectedKeyOrNull() == null || !out.expectedKeyOrNull().equals(ping.target()))) {
      // A ping's target travels only as the frame's recipient (see GossipWireTypes).
      log.warn("{} not sending a ping to {} whose recipient key is not its target", shortId, out);
      metrics.sendFailed();
      return;
    }
    GossipEnvelope envelope = GossipEnvelope.of(advertised, fitInFrame(out.message()));
    MessageType<GossipEnvelope> type = GossipWireTypes.typeOf(envelope);
    long sent;
    try {
      sent = context.send(out.to(), out.expectedKeyOrNull(), type, envelope);
    } catch (IllegalArgumentException e) {
      // the codec refuses a payload that does not fit in a frame: only a state can be that big
      log.warn("{} cannot encode {} for {}: {}", shortId, type, out.to(), e.getMessage());
      sent = -1;
    }
    if (sent < 0) {
      metrics.sendFailed();
    }
  }

  /**
   * A push-pull message whose state is too large for one frame, cut to the longest prefix that
   * fits. The state lists each member's alive claim first, then its leave or accusations, so a cut
   * loses whole members (and at most the tail of one). Other messages are returned as they are.
   */
  private GossipMessage fitInFrame(GossipMessage message) {
    if (message instanceof PushPullRequest req) {
      List<Claim> fit = fitting(req.state(), stateBudgetBytes());
      if (fit.size() < req.state().size()) {
        truncated(req.state().size(), fit.size());
        return new PushPullRequest(req.seq(), req.join(), fit);
      }
    } else if (message instanceof PushPullResponse resp) {
      List<Claim> fit = fitting(resp.state(), stateBudgetBytes());
      if (fit.size() < resp.state().size()) {
        truncated(resp.state().size(), fit.size());
        return new PushPullResponse(resp.seq(), fit);
      }
    }
    return message;
  }

  private int stateBudgetBytes() {
    return context.codec().limits().maxPayloadBytes() - GossipWireTypes.PUSH_PULL_OVERHEAD_BYTES;
  }

  private void truncated(int claims, int kept) {
    metrics.stateTruncated();
    log.warn("{} push-pull state of {} claims cut to {} to fit in a frame", shortId, claims, kept);
  }

  /** The longest prefix of {@code claims} whose encoding takes at most {@code budgetBytes}. */
  static List<Claim> fitting(List<Claim> claims, int budgetBytes) {
    long used = 0;
    for (int i = 0; i < claims.size(); i++) {
      used += ClaimWire.encodedSize(claims.get(i));
      if (used > budgetBytes) {
        return claims.subList(0, i);
      }
    }
    return claims;
  }

  @Override
  public String toString() {
    return "GossipService(" + shortId + ")";
  }
}
