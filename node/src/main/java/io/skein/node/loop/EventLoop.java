package io.skein.node.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * One thread, named {@code skein-<shortid>}, that owns a node's JeroMQ sockets. It polls the
 * registered sockets and a wake-up pipe, runs tasks handed in from other threads ({@link #execute},
 * {@link #submit}) and timers keyed by {@code System.nanoTime} deadlines ({@link #schedule}). Every
 * handler, task and timer runs inside a catch-all: a throwable is logged with the node's short id
 * first, counted in {@link LoopMetrics}, and the loop goes on.
 *
 * <p>The loop uses the {@link ZContext} it is given (a harness may share one between nodes), or
 * creates its own and terminates it when the loop ends. {@link #close()} never waits longer than
 * {@link #CLOSE_TIMEOUT_MILLIS}.
 */
public final class EventLoop implements Executor, AutoCloseable {
  /** Most tasks waiting to run; {@link #execute} refuses more (a caller outpacing the loop). */
  public static final int MAX_PENDING_TASKS = 65_536;

  /** Most tasks run per loop iteration, so sockets and timers are served between them. */
  public static final int MAX_TASKS_PER_ITERATION = 1_024;

  /** Longest {@link #close()} waits for the loop thread to finish its shutdown hooks. */
  public static final long CLOSE_TIMEOUT_MILLIS = 5_000;

  /** Longest single poll, so a lost wake-up can never stall the loop for long. */
  static final long MAX_POLL_MILLIS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

  private final String shortId;
  private final ZContext context;
  private final boolean ownsContext;
  private final LoopMetrics metrics;
  private final Thread thread;
  private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(MAX_PENDING_TASKS);
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final AtomicBoolean closeRequested = new AtomicBoolean();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final Pipe wakeup;
  private final ByteBuffer wakeupByte = ByteBuffer.allocate(1);
  private final ByteBuffer wakeupDrain = ByteBuffer.allocate(64);

  // Loop-thread state.
  private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>(TimerHandle::compare);
  private final List<Registration> registrations = new ArrayList<>();
  private final ArrayDeque<Runnable> closeHooks = new ArrayDeque<>();
  private ZMQ.Poller poller;
  private long timerSequence;
  private volatile boolean running = true;

  private record Registration(ZMQ.Socket socket, BooleanSupplier onReadable, int[] index) {}

  private EventLoop(String shortId, ZContext sharedContext, LoopMetrics metrics)
      throws IOException {
    this.shortId = shortId;
    this.ownsContext = sharedContext == null;
    this.context = ownsContext ? new ZContext() : sharedContext;
    this.metrics = metrics;
    this.wakeup = Pipe.open();
    wakeup.source().configureBlocking(false);
    wakeup.sink().configureBlocking(false);
    this.thread = new Thread(this::run, "skein-" + shortId);
    thread.setDaemon(true);
  }

  /**
   * Starts a loop thread named {@code skein-<shortId>}.
   *
   * @param shortId the node's short id, used in the thread name and first in every log line
   * @param sharedContext a context shared with other nodes, or {@code null} to own one (closed with
   *     the loop)
   * @throws IllegalStateException if the wake-up pipe cannot be opened (out of file descriptors)
   */
  public static EventLoop start(String shortId, ZContext sharedContext, LoopMetrics metrics) {
    EventLoop loop;
    try {
      loop = new EventLoop(shortId, sharedContext, metrics);
    } catch (IOException e) {
      throw new IllegalStateException(shortId + " cannot open the event loop's wake-up pipe", e);
    }
    loop.thread.start();
    return loop;
  }

  /** The node's short id, as given at start. */
  public String shortId() {
    return shortId;
  }

  /** The JeroMQ context the loop's sockets come from. Create sockets on the loop thread only. */
  public ZContext context() {
    return context;
  }

  /** Whether the caller is the loop thread. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Whether the loop still accepts work. */
  public boolean isRunning() {
    return running && !closeRequested.get();
  }

  /** Throws unless the caller is the loop thread. */
  public void checkInLoop() {
    if (!inLoop()) {
      throw new IllegalStateException(
          shortId + " this must run on the event loop thread " + thread.getName());
    }
  }

  /**
   * Runs {@code task} on the loop thread, after the tasks already queued.
   *
   * @throws RejectedExecutionException if the loop is closed or {@link #MAX_PENDING_TASKS} are
   *     waiting
   */
  @Override
  public void execute(Runnable task) {
    if (!isRunning()) {
      metrics.taskRejected();
      throw new RejectedExecutionException(shortId + " event loop is closed");
    }
    if (!tasks.offer(task)) {
      metrics.taskRejected();
      throw new RejectedExecutionException(
          shortId + " event loop has " + MAX_PENDING_TASKS + " tasks waiting");
    }
    wakeup();
  }

  /**
   * Runs {@code task} on the loop thread; the future completes with its result or exception, or
   * fails with {@link CancellationException} if the loop closes first.
   */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable run =
        () -> {
          try {
            result.complete(task.call());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        };
    try {
      execute(new PendingTask(run, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** A task whose future must fail if the loop closes before it runs. */
  private record PendingTask(Runnable body, CompletableFuture<?> future) implements Runnable {
    @Override
    public void run() {
      body.run();
    }
  }

  /** Runs {@code action} on the loop thread about {@code delayNanos} from now. Loop thread only. */
  public TimerHandle schedule(long delayNanos, Runnable action) {
    return scheduleAt(System.nanoTime() + Math.max(0, delayNanos), action);
  }

  /** Runs {@code action} on the loop thread at {@code deadlineNanos}. Loop thread only. */
  public TimerHandle scheduleAt(long deadlineNanos, Runnable action) {
    checkInLoop();
    TimerHandle timer = new TimerHandle(deadlineNanos, timerSequence++, action);
    timers.add(timer);
    return timer;
  }

  /**
   * Polls {@code socket} for input; {@code onReadable} runs when it has some and returns {@code
   * true} if it stopped early with input left (the loop then polls again without waiting). Loop
   * thread only.
   */
  public void register(ZMQ.Socket socket, BooleanSupplier onReadable) {
    checkInLoop();
    int[] index = {poller.register(socket, ZMQ.Poller.POLLIN)};
    registrations.add(new Registration(socket, onReadable, index));
  }

  /** Stops polling {@code socket}. Loop thread only. */
  public void unregister(ZMQ.Socket socket) {
    checkInLoop();
    if (registrations.removeIf(r -> r.socket == socket)) {
      poller.unregister(socket);
      // the poller compacts its items: look every remaining index up again
      for (Registration r : registrations) {
        r.index[0] = indexOf(r.socket);
      }
    }
  }

  private int indexOf(ZMQ.Socket socket) {
    for (int i = 0; i < poller.getSize(); i++) {
      if (poller.getSocket(i) == socket) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Runs {@code hook} on the loop thread when the loop stops, before the context closes; hooks run
   * in reverse order of registration. Loop thread only.
   */
  public void onClose(Runnable hook) {
    checkInLoop();
    closeHooks.push(hook);
  }

  /**
   * Stops the loop: runs the close hooks on the loop thread, fails tasks not yet run, closes an
   * owned context. Waits at most {@link #CLOSE_TIMEOUT_MILLIS} (not at all when called from the
   * loop thread itself). Idempotent.
   */
  @Override
  public void close() {
    if (closeRequested.compareAndSet(false, true)) {
      running = false;
      wakeup();
    }
    if (inLoop()) {
      return;
    }
    try {
      terminated.get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn(
          "{} event loop did not stop within {} ms; leaving it behind",
          shortId,
          CLOSE_TIMEOUT_MILLIS,
          e);
      thread.interrupt();
    }
  }

  /** Completes when the loop thread has finished. */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  private void wakeup() {
    if (inLoop() || !wakeupPending.compareAndSet(false, true)) {
      return;
    }
    try {
      synchronized (wakeupByte) {
        wakeupByte.clear();
        wakeup.sink().write(wakeupByte);
      }
    } catch (IOException e) {
      log.warn("{} cannot wake the event loop", shortId, e);
    }
  }

  private void run() {
    try {
      poller = context.createPoller(4);
      poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
      boolean moreInput = false;
      while (running) {
        long timeoutMillis = moreInput || !tasks.isEmpty() ? 0 : pollTimeoutMillis();
        try {
          poller.poll(timeoutMillis);
        } catch (ZMQException e) {
          log.warn("{} event loop poll failed, stopping: {}", shortId, e.toString());
          break;
        }
        moreInput = serveSockets();
        drainWakeup();
        runTasks();
        runTimers();
      }
    } catch (Throwable t) {
      metrics.handlerError();
      log.error("{} event loop failed, stopping", shortId, t);
    } finally {
      shutdown();
    }
  }

  private long pollTimeoutMillis() {
    TimerHandle next = timers.peek();
    if (next == null) {
      return MAX_POLL_MILLIS;
    }
    long waitNanos = next.deadlineNanos - System.nanoTime();
    if (waitNanos <= 0) {
      return 0;
    }
    return Math.min(MAX_POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
  }

  private boolean serveSockets() {
    boolean more = false;
    // handlers may register or unregister sockets: iterate over a snapshot
    for (Registration r : registrations.toArray(new Registration[0])) {
      int index = r.index[0];
      if (index < 0 || !poller.pollin(index)) {
        continue;
      }
      try {
        more |= r.onReadable.getAsBoolean();
      } catch (Throwable t) {
        handlerFailed("socket handler", t);
      }
    }
    return more;
  }

  private void drainWakeup() throws IOException {
    // drain first, then re-arm: a producer whose compare-and-set failed queued its task before the
    // re-arm, so runTasks below still sees it
    wakeupDrain.clear();
    while (wakeup.source().read(wakeupDrain) > 0) {
      wakeupDrain.clear();
    }
    wakeupPending.set(false);
  }

  private void runTasks() {
    for (int i = 0; i < MAX_TASKS_PER_ITERATION && running; i++) {
      Runnable task = tasks.poll();
      if (task == null) {
        return;
      }
      try {
        task.run();
      } catch (Throwable t) {
        handlerFailed("task", t);
      }
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    TimerHandle timer;
    while (running && (timer = timers.peek()) != null && timer.deadlineNanos - now <= 0) {
      timers.poll();
      if (timer.isCancelled()) {
        continue;
      }
      metrics.timerFired();
      try {
        timer.action.run();
      } catch (Throwable t) {
        handlerFailed("timer", t);
      }
    }
  }

  private void handlerFailed(String what, Throwable t) {
    metrics.handlerError();
    log.error("{} {} threw on the event loop; continuing", shortId, what, t);
  }

  private void shutdown() {
    running = false;
    closeRequested.set(true);
    while (!closeHooks.isEmpty()) {
      try {
        closeHooks.pop().run();
      } catch (Throwable t) {
        handlerFailed("close hook", t);
      }
    }
    Runnable task;
    while ((task = tasks.poll()) != null) {
      metrics.taskRejected();
      if (task instanceof PendingTask pending) {
        pending.future.completeExceptionally(
            new CancellationException(shortId + " event loop closed before the task ran"));
      }
    }
    timers.clear();
    try {
      if (poller != null) {
        poller.close();
      }
      if (ownsContext) {
        context.close();
      }
      wakeup.source().close();
      wakeup.sink().close();
    } catch (Throwable t) {
      log.warn("{} error while closing the event loop", shortId, t);
    } finally {
      terminated.complete(null);
    }
  }
}
