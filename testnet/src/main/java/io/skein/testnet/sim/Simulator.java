package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Verifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * A single-threaded, deterministic discrete-event simulator for many {@link SimProcess}es.
 *
 * <p>Virtual time is a long in nanoseconds. The event queue is ordered by (time, sequence number),
 * so ties run in scheduling order. Each node is ticked only when its process's {@link
 * SimProcess#nextDeadlineNanos() deadline} comes, never on a fixed grid. Every send, delivery,
 * drop, tick, protocol event and fault is appended to a running SHA-256 ({@link #traceHash()}): two
 * runs with the same seed, the same processes and the same scheduled faults give the same hash.
 *
 * <p>Randomness: the seed is split into independent named streams ({@link SimRandom}): {@code
 * ("core", incarnation << 32 | node)} handed to each process, {@code ("net", node)} for the link
 * faults of messages that node sends, {@code ("keys", node)} for its identities, and any label a
 * scenario asks for through {@link #random(String, long)}.
 *
 * <p>Faults: see {@link SimNetwork} (delay, jitter, loss, duplication, partitions), {@link
 * #crash(int)}, {@link #restart(int, boolean)} and {@link #pause(int, long)}.
 *
 * @param <M> the message type carried between processes
 */
public final class Simulator<M> {
  /** The port of every simulated endpoint. */
  public static final int PORT = 7946;

  /** Most nodes one simulator holds: endpoints are 10.x.y.z, 24 bits of index. */
  public static final int MAX_NODES = 1 << 24;

  private final long seed;
  private final SimKeys keys;
  private final SimNetwork network;
  private final ToLongFunction<? super M> fingerprint;
  private final SimCodec<M> codec;
  private final SimEventListener eventListener;

  private final EventQueue queue = new EventQueue();
  private final SimRecorder recorder;
  private final List<SimSlot<M>> nodes = new ArrayList<>();
  private final Map<Endpoint, Integer> indexByEndpoint = new HashMap<>();
  private long now;

  Simulator(SimulatorBuilder<M> b) {
    this.seed = b.seed;
    this.keys = b.keys != null ? b.keys : new SimSignatures();
    this.network = new SimNetwork(b.link);
    this.fingerprint = b.fingerprint;
    this.codec = b.codec;
    this.recorder = new SimRecorder(b.traceListener);
    this.eventListener = b.eventListener;
    this.now = b.startNanos;
  }

  /** A builder for a simulator whose every random choice derives from {@code seed}. */
  public static <M> SimulatorBuilder<M> builder(long seed) {
    return new SimulatorBuilder<>(seed);
  }

  // ---------------------------------------------------------------- nodes

  /** The endpoint of node {@code index}: {@code 10.a.b.c:7946} with a.b.c the index's bytes. */
  public static Endpoint endpointOf(int index) {
    if (index < 0 || index >= MAX_NODES) {
      throw new IllegalArgumentException("node index out of range: " + index);
    }
    return new Endpoint(
        "10." + (index >>> 16) + "." + ((index >>> 8) & 0xff) + "." + (index & 0xff), PORT);
  }

  /**
   * Adds a node, creates its process with {@code factory} and starts it now. Its endpoint is {@link
   * #endpointOf(int) endpointOf(index)}, known in advance, so processes can name seeds before those
   * start.
   *
   * @return the new node's index (0, 1, 2, ... in order of addition)
   */
  public int addNode(SimProcessFactory<M> factory) {
    int index = nodes.size();
    SimSlot<M> slot =
        new SimSlot<>(index, endpointOf(index), factory, seed, this::send, this::event);
    nodes.add(slot);
    indexByEndpoint.put(slot.endpoint, index);
    slot.signer = keys.newSigner(slot.keyRandom);
    record(TraceKind.START, index, index, 0);
    boot(slot);
    return index;
  }

  /** Adds {@code count} nodes with the same factory; returns the first index. */
  public int addNodes(int count, SimProcessFactory<M> factory) {
    int first = nodes.size();
    for (int i = 0; i < count; i++) {
      addNode(factory);
    }
    return first;
  }

  /** Number of nodes ever added (crashed ones included). */
  public int nodeCount() {
    return nodes.size();
  }

  /** Node {@code index}'s endpoint. */
  public Endpoint endpoint(int index) {
    return slot(index).endpoint;
  }

  /** The index of the node at {@code endpoint}, or -1. */
  public int indexOf(Endpoint endpoint) {
    Integer i = indexByEndpoint.get(endpoint);
    return i == null ? -1 : i;
  }

  /** Node {@code index}'s current public key (changes on a restart with a fresh key). */
  public PublicKey publicKey(int index) {
    return slot(index).signer.publicKey();
  }

  /** Node {@code index}'s running process, or null while it is crashed. */
  public SimProcess<M> process(int index) {
    return slot(index).process;
  }

  /** Whether node {@code index} is running (paused nodes are running). */
  public boolean isUp(int index) {
    return slot(index).process != null;
  }

  /** Whether node {@code index} is paused now. */
  public boolean isPaused(int index) {
    SimSlot<M> s = slot(index);
    return s.process != null && now < s.pausedUntil;
  }

  /** 0 for the first process of node {@code index}, incremented by each restart. */
  public int incarnation(int index) {
    return slot(index).incarnation;
  }

  /**
   * Runs a user command against node {@code index}'s process now (join, leave, put a value, ...),
   * then sends what it queued and reads its new deadline. Change a process only through this (or
   * through messages): the simulator reads a process's deadline after each call into it.
   *
   * @throws IllegalStateException if the node is crashed or paused
   */
  public void command(int index, Consumer<? super SimProcess<M>> command) {
    SimSlot<M> s = slot(index);
    if (s.process == null || now < s.pausedUntil) {
      throw new IllegalStateException(
          "node " + index + " is " + (s.process == null ? "crashed" : "paused"));
    }
    try {
      command.accept(s.process);
    } catch (RuntimeException e) {
      throw failure(s, "command", e);
    }
    afterCall(s, false);
  }

  // ---------------------------------------------------------------- faults

  /** The network's fault configuration. */
  public SimNetwork network() {
    return network;
  }

  /**
   * Crashes node {@code index} now: its process and all its state are gone, messages queued for it
   * while paused are dropped, and messages that arrive until it restarts are dropped. Messages it
   * sent before the crash are already on the wire and still arrive. No-op if already crashed.
   */
  public void crash(int index) {
    SimSlot<M> s = slot(index);
    if (s.process == null) {
      return;
    }
    record(TraceKind.CRASH, index, index, s.incarnation);
    s.process = null;
    s.pausedUntil = Long.MIN_VALUE;
    s.tickAt = Long.MAX_VALUE;
    SimEvent e;
    while ((e = s.pending.poll()) != null) {
      record(TraceKind.DROP_DOWN, e.from, e.node, e.fingerprint);
      queue.recycle(e);
    }
  }

  /**
   * Starts node {@code index} again with a new process from its factory (crashing it first if it is
   * running): same endpoint, and the same key unless {@code freshKey}.
   */
  public void restart(int index, boolean freshKey) {
    SimSlot<M> s = slot(index);
    crash(index);
    s.incarnation++;
    if (freshKey) {
      s.signer = keys.newSigner(s.keyRandom);
    }
    record(TraceKind.RESTART, index, index, s.incarnation);
    boot(s);
  }

  /**
   * Stalls node {@code index} for {@code durationNanos} from now, like a GC pause or SIGSTOP: it
   * runs nothing, messages that reach it wait and are delivered in arrival order when it resumes,
   * then its overdue deadline fires (late). Pausing a paused node extends the pause if the new end
   * is later. No-op on a crashed node.
   */
  public void pause(int index, long durationNanos) {
    if (durationNanos < 0) {
      throw new IllegalArgumentException("pause duration < 0: " + durationNanos);
    }
    SimSlot<M> s = slot(index);
    if (s.process == null) {
      return;
    }
    long until = now + durationNanos;
    if (until <= s.pausedUntil) {
      return;
    }
    s.pausedUntil = until;
    record(TraceKind.PAUSE, index, index, durationNanos);
    SimEvent e = queue.obtain(until, SimEvent.RESUME);
    e.node = index;
    e.incarnation = s.incarnation;
    queue.add(e);
  }

  // ---------------------------------------------------------------- time

  /** The current virtual time. */
  public long nowNanos() {
    return now;
  }

  /** Runs {@code action} at virtual time {@code atNanos} (now if in the past). */
  public void schedule(long atNanos, Runnable action) {
    SimEvent e = queue.obtain(Math.max(atNanos, now), SimEvent.ACTION);
    e.action = action;
    queue.add(e);
  }

  /** Runs {@code action} {@code delayNanos} from now. */
  public void scheduleAfter(long delayNanos, Runnable action) {
    schedule(now + delayNanos, action);
  }

  /**
   * Processes every event due at or before {@code timeNanos}, then sets the clock to {@code
   * timeNanos}.
   */
  public void runUntil(long timeNanos) {
    while (!queue.isEmpty() && queue.peekTime() <= timeNanos) {
      step();
    }
    if (timeNanos > now) {
      now = timeNanos;
    }
  }

  /** {@link #runUntil(long) Runs} for {@code durationNanos} of virtual time. */
  public void runFor(long durationNanos) {
    runUntil(now + durationNanos);
  }

  /**
   * Runs in slices of {@code checkEveryNanos} until {@code condition} holds (checked before the
   * first slice and after each) or the clock reaches {@code deadlineNanos}.
   *
   * @return whether the condition held
   */
  public boolean runUntil(BooleanSupplier condition, long checkEveryNanos, long deadlineNanos) {
    if (checkEveryNanos <= 0) {
      throw new IllegalArgumentException("checkEveryNanos must be > 0");
    }
    while (!condition.getAsBoolean()) {
      if (now >= deadlineNanos) {
        return false;
      }
      runUntil(Math.min(deadlineNanos, now + checkEveryNanos));
    }
    return true;
  }

  /** Processes the earliest event; returns false if there was none. */
  public boolean step() {
    SimEvent e = queue.poll();
    if (e == null) {
      return false;
    }
    now = e.time;
    recorder.stats().eventProcessed();
    switch (e.kind) {
      case SimEvent.DELIVER -> {
        if (!deliver(e)) {
          return true; // kept in a paused node's queue
        }
      }
      case SimEvent.TICK -> tick(e);
      case SimEvent.RESUME -> resume(e);
      case SimEvent.ACTION -> {
        record(TraceKind.ACTION, -1, -1, e.seq);
        e.action.run();
      }
      default -> throw new IllegalStateException("unknown event kind " + e.kind);
    }
    queue.recycle(e);
    return true;
  }

  /** Events waiting in the queue (stale ticks included). */
  public int pendingEvents() {
    return queue.size();
  }

  // ---------------------------------------------------------------- outputs

  /** The seed this run derives everything from. */
  public long seed() {
    return seed;
  }

  /** SHA-256 of the trace so far; the run continues unaffected. */
  public byte[] traceHash() {
    return recorder.digest();
  }

  /** {@link #traceHash()} in hex. */
  public String traceHashHex() {
    return HexFormat.of().formatHex(recorder.digest());
  }

  /** Number of trace records so far. */
  public long traceRecords() {
    return recorder.records();
  }

  /** Counters of this run. */
  public SimStats stats() {
    return recorder.stats();
  }

  /** The identity source (the stand-in registry unless the builder set another). */
  public SimKeys keys() {
    return keys;
  }

  /** The verifier every node got. */
  public Verifier verifier() {
    return keys.verifier();
  }

  /**
   * An independent random stream for a scenario or fault source, e.g. {@code random("fault/stall",
   * 0)}. The labels {@code core}, {@code net} and {@code keys} are the simulator's own: reusing
   * them would correlate streams.
   */
  public RandomGenerator random(String label, long index) {
    return SimRandom.stream(seed, label, index);
  }

  @Override
  public String toString() {
    return "Simulator{seed=" + seed + ", now=" + now + "ns, nodes=" + nodes.size() + "}";
  }

  // ---------------------------------------------------------------- internals

  private SimSlot<M> slot(int index) {
    if (index < 0 || index >= nodes.size()) {
      throw new IllegalArgumentException("no node " + index + " (have " + nodes.size() + ")");
    }
    return nodes.get(index);
  }

  private void boot(SimSlot<M> s) {
    RandomGenerator random = SimRandom.stream(seed, "core", ((long) s.incarnation << 32) | s.index);
    SimNode node =
        new SimNode(s.index, s.endpoint, s.signer, keys.verifier(), random, now, s.incarnation);
    SimProcess<M> process;
    try {
      process = s.factory.create(node);
      if (process == null) {
        throw new IllegalStateException("factory returned null");
      }
      s.process = process;
      process.start(now);
    } catch (RuntimeException e) {
      s.process = null;
      throw failure(s, "start", e);
    }
    s.tickAt = Long.MAX_VALUE;
    s.pausedUntil = Long.MIN_VALUE;
    afterCall(s, false);
  }

  /** Returns false if the event was kept (queued at a paused node). */
  private boolean deliver(SimEvent e) {
    SimSlot<M> dst = nodes.get(e.node);
    if (dst.process == null) {
      record(TraceKind.DROP_DOWN, e.from, e.node, e.fingerprint);
      return true;
    }
    if (e.expectedKey != null && !e.expectedKey.equals(dst.signer.publicKey())) {
      record(TraceKind.DROP_KEY, e.from, e.node, e.fingerprint);
      return true;
    }
    if (now < dst.pausedUntil) {
      record(TraceKind.QUEUE_PAUSED, e.from, e.node, e.fingerprint);
      dst.pending.add(e);
      return false;
    }
    handOver(dst, e);
    return true;
  }

  private void handOver(SimSlot<M> dst, SimEvent e) {
    M message = payloadToMessage(e);
    if (message == null) {
      record(TraceKind.DROP_DECODE, e.from, e.node, e.fingerprint);
      return;
    }
    record(TraceKind.DELIVER, e.from, e.node, e.fingerprint);
    try {
      dst.process.onMessage(now, nodes.get(e.from).endpoint, e.fromKey, message);
    } catch (RuntimeException ex) {
      throw failure(dst, "onMessage from node " + e.from, ex);
    }
    afterCall(dst, false);
  }

  @SuppressWarnings("unchecked")
  private M payloadToMessage(SimEvent e) {
    if (codec == null) {
      return (M) e.payload;
    }
    try {
      return codec.decode((byte[]) e.payload);
    } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError ex) {
      return null;
    }
  }

  private void tick(SimEvent e) {
    SimSlot<M> s = nodes.get(e.node);
    if (s.process == null || e.incarnation != s.incarnation || e.time != s.tickAt) {
      return; // stale: crashed, restarted, or superseded by an earlier tick
    }
    s.tickAt = Long.MAX_VALUE;
    if (now < s.pausedUntil) {
      return; // the resume reschedules
    }
    if (s.deadline > now) {
      scheduleTick(s, false); // the deadline moved later since this tick was scheduled
      return;
    }
    record(TraceKind.TICK, e.node, e.node, 0);
    try {
      s.process.onTick(now);
    } catch (RuntimeException ex) {
      throw failure(s, "onTick", ex);
    }
    afterCall(s, true);
  }

  private void resume(SimEvent e) {
    SimSlot<M> s = nodes.get(e.node);
    if (s.process == null || e.incarnation != s.incarnation || now < s.pausedUntil) {
      return; // crashed, restarted, or the pause was extended
    }
    record(TraceKind.RESUME, e.node, e.node, s.pending.size());
    s.pausedUntil = Long.MIN_VALUE;
    SimEvent queued;
    while (s.process != null && (queued = s.pending.poll()) != null) {
      handOver(s, queued);
      queue.recycle(queued);
    }
    if (s.process != null) {
      s.tickAt = Long.MAX_VALUE;
      reschedule(s, false);
    }
  }

  /** Drains what a call produced and reschedules the node's tick. */
  private void afterCall(SimSlot<M> s, boolean afterTick) {
    if (s.process == null) {
      return; // a listener crashed it meanwhile
    }
    try {
      s.process.drain(s);
    } catch (RuntimeException ex) {
      throw failure(s, "drain", ex);
    }
    reschedule(s, afterTick);
  }

  private void reschedule(SimSlot<M> s, boolean afterTick) {
    if (s.process == null) {
      return;
    }
    s.deadline = s.process.nextDeadlineNanos();
    scheduleTick(s, afterTick);
  }

  /** Makes sure a tick is queued no later than the cached deadline. */
  private void scheduleTick(SimSlot<M> s, boolean afterTick) {
    long deadline = s.deadline;
    if (deadline == Long.MAX_VALUE) {
      return;
    }
    // A deadline already due right after a tick would tick forever at one instant: move it 1 ns.
    long floor = afterTick ? now + 1 : now;
    if (deadline < floor) {
      deadline = floor;
    }
    if (deadline < s.tickAt) {
      s.tickAt = deadline;
      SimEvent e = queue.obtain(deadline, SimEvent.TICK);
      e.node = s.index;
      e.incarnation = s.incarnation;
      queue.add(e);
    }
  }

  private void send(SimSlot<M> src, Endpoint to, PublicKey expectedKey, M message) {
    long fp = codec == null ? fingerprint.applyAsLong(message) : 0;
    Object payload = message;
    if (codec != null) {
      byte[] bytes = codec.encode(message);
      fp = TraceHash.hashBytes(bytes);
      recorder.stats().bytesSent(bytes.length);
      payload = bytes;
    }
    Integer boxed = indexByEndpoint.get(to);
    if (boxed == null) {
      record(TraceKind.SEND, src.index, -1, fp);
      record(TraceKind.DROP_UNKNOWN, src.index, -1, fp);
      return;
    }
    int dst = boxed;
    record(TraceKind.SEND, src.index, dst, fp);
    if (network.blocked(src.index, dst)) {
      record(TraceKind.DROP_PARTITION, src.index, dst, fp);
      return;
    }
    LinkModel link = network.linkModel(src.index, dst);
    RandomGenerator r = src.netRandom;
    if (link.lossProbability() > 0 && r.nextDouble() < link.lossProbability()) {
      record(TraceKind.DROP_LOSS, src.index, dst, fp);
      return;
    }
    PublicKey fromKey = src.signer.publicKey();
    enqueueDelivery(src.index, dst, payload, fromKey, expectedKey, fp, delay(link, r));
    if (link.duplicateProbability() > 0 && r.nextDouble() < link.duplicateProbability()) {
      record(TraceKind.DUPLICATE, src.index, dst, fp);
      enqueueDelivery(src.index, dst, payload, fromKey, expectedKey, fp, delay(link, r));
    }
  }

  private static long delay(LinkModel link, RandomGenerator r) {
    long jitter = link.jitterNanos();
    return link.baseDelayNanos() + (jitter > 0 ? r.nextLong(jitter) : 0);
  }

  private void enqueueDelivery(
      int from,
      int to,
      Object payload,
      PublicKey fromKey,
      PublicKey expectedKey,
      long fp,
      long delayNanos) {
    SimEvent e = queue.obtain(now + delayNanos, SimEvent.DELIVER);
    e.from = from;
    e.node = to;
    e.payload = payload;
    e.fromKey = fromKey;
    e.expectedKey = expectedKey;
    e.fingerprint = fp;
    queue.add(e);
  }

  private void event(SimSlot<M> src, Object event, long fingerprint) {
    record(TraceKind.EVENT, src.index, src.index, fingerprint);
    if (eventListener != null) {
      eventListener.onEvent(now, src.index, event);
    }
  }

  private void record(TraceKind kind, int from, int to, long fp) {
    recorder.record(now, kind, from, to, fp);
  }

  private SimulationException failure(SimSlot<M> s, String what, RuntimeException cause) {
    return SimulationException.of(s.index, s.endpoint, s.incarnation, what, now, seed, cause);
  }
}
