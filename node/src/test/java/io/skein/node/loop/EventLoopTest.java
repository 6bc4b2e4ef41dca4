package io.skein.node.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

class EventLoopTest {
  private final LoopMetrics metrics = new LoopMetrics(new PrometheusRegistry());
  private final EventLoop loop = EventLoop.start("0a1b2c3d", null, metrics);

  @AfterEach
  void close() {
    loop.close();
  }

  private <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  @Test
  void tasksRunOnOneThreadNamedAfterTheNode() throws Exception {
    String name = get(loop.submit(() -> Thread.currentThread().getName()));
    boolean inLoop = get(loop.submit(loop::inLoop));

    assertThat(name).isEqualTo("skein-0a1b2c3d");
    assertThat(inLoop).isTrue();
    assertThat(loop.inLoop()).isFalse();
  }

  @Test
  void tasksRunInSubmissionOrder() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      loop.execute(() -> order.add(n));
    }
    get(loop.submit(() -> null));

    assertThat(order).hasSize(100).isSorted();
  }

  @Test
  void timersFireInDeadlineOrderAndCancelledOnesNever() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    get(
        loop.submit(
            () -> {
              loop.schedule(TimeUnit.MILLISECONDS.toNanos(60), () -> fired.add("late"));
              loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> fired.add("early"));
              loop.schedule(TimeUnit.MILLISECONDS.toNanos(40), () -> fired.add("cancelled"))
                  .cancel();
              loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> fired.add("early-second"));
              return null;
            }));

    await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 3);
    CountDownLatch after = new CountDownLatch(1);
    get(loop.submit(() -> loop.schedule(TimeUnit.MILLISECONDS.toNanos(50), after::countDown)));
    assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly("early", "early-second", "late");
  }

  @Test
  void aTimerIsNotRunBeforeItsDeadline() throws Exception {
    long[] firedAt = new long[1];
    CountDownLatch done = new CountDownLatch(1);
    long scheduledAt =
        get(
            loop.submit(
                () -> {
                  long now = System.nanoTime();
                  loop.schedule(
                      TimeUnit.MILLISECONDS.toNanos(30),
                      () -> {
                        firedAt[0] = System.nanoTime();
                        done.countDown();
                      });
                  return now;
                }));

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(firedAt[0] - scheduledAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
  }

  @Test
  void throwingTasksTimersAndSocketHandlersAreCountedAndTheLoopGoesOn() throws Exception {
    loop.execute(
        () -> {
          throw new IllegalStateException("task bug");
        });
    get(
        loop.submit(
            () ->
                loop.schedule(
                    0,
                    () -> {
                      throw new IllegalStateException("timer bug");
                    })));
    ZMQ.Socket sink =
        get(
            loop.submit(
                () -> {
                  ZMQ.Socket s = loop.context().createSocket(SocketType.PULL);
                  s.bind("inproc://sink");
                  loop.register(
                      s,
                      () -> {
                        s.recv(ZMQ.DONTWAIT);
                        throw new IllegalStateException("handler bug");
                      });
                  return s;
                }));
    ZMQ.Socket push = loop.context().createSocket(SocketType.PUSH);
    push.connect("inproc://sink");
    push.send("x");

    await().atMost(Duration.ofSeconds(5)).until(() -> metrics.handlerErrors() == 3);
    assertThat(get(loop.submit(() -> "still running"))).isEqualTo("still running");
    assertThat(sink).isNotNull();
    push.close();
  }

  @Test
  void submitReportsTheTasksException() {
    CompletableFuture<Object> f =
        loop.submit(
            () -> {
              throw new IllegalArgumentException("bad input");
            });

    assertThatThrownBy(() -> get(f))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void schedulingFromAnotherThreadIsRefused() {
    assertThatThrownBy(() -> loop.schedule(1, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("0a1b2c3d");
  }

  @Test
  void closeRunsHooksFailsWaitingTasksAndRefusesNewOnes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> hooks = new CopyOnWriteArrayList<>();
    get(
        loop.submit(
            () -> {
              loop.onClose(() -> hooks.add("first registered"));
              loop.onClose(() -> hooks.add("second registered"));
              return null;
            }));
    loop.execute(
        () -> {
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    CompletableFuture<String> waiting = loop.submit(() -> "never");

    Thread closer = new Thread(loop::close);
    closer.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> !loop.isRunning());
    release.countDown();
    closer.join(5_000);

    assertThat(loop.terminated()).isDone();
    assertThat(hooks).containsExactly("second registered", "first registered");
    assertThatThrownBy(() -> get(waiting)).isInstanceOf(CancellationException.class);
    assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void closeFromInsideTheLoopDoesNotDeadlock() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(3),
        () -> {
          loop.execute(loop::close);
          loop.terminated().get();
        });
  }

  @Test
  void closeIsIdempotent() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(3),
        () -> {
          loop.close();
          loop.close();
        });
    assertThat(loop.terminated()).isDone();
  }
}
