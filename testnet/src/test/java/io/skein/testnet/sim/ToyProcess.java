package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A scriptable process for the fault tests: it records everything it receives and every tick, sends
 * what the test queues, ticks at whatever deadline the test sets, and optionally answers each
 * {@link ToyMessage.Ping} with a {@link ToyMessage.Pong}.
 */
class ToyProcess implements SimProcess<ToyMessage> {
  /** One received message. */
  record Received(long timeNanos, Endpoint from, PublicKey fromKey, ToyMessage message) {}

  private record Out(Endpoint to, PublicKey expectedKey, ToyMessage message) {}

  final SimNode node;
  final boolean echo;
  final List<Received> received = new ArrayList<>();
  final List<Long> ticks = new ArrayList<>();
  private final List<Out> outbox = new ArrayList<>();
  private final List<Object> events = new ArrayList<>();

  /** The deadline to report; a test sets it. */
  long deadlineNanos = Long.MAX_VALUE;

  /** If positive, after each tick the deadline moves this far ahead. */
  long periodNanos;

  ToyProcess(SimNode node, boolean echo) {
    this.node = node;
    this.echo = echo;
  }

  void send(Endpoint to, ToyMessage message) {
    outbox.add(new Out(to, null, message));
  }

  void send(Endpoint to, PublicKey expectedKey, ToyMessage message) {
    outbox.add(new Out(to, expectedKey, message));
  }

  void event(Object event) {
    events.add(event);
  }

  /** Sequence numbers of the pings received, in arrival order. */
  List<Long> pingSeqs() {
    List<Long> seqs = new ArrayList<>();
    for (Received r : received) {
      if (r.message() instanceof ToyMessage.Ping p) {
        seqs.add(p.seq());
      }
    }
    return seqs;
  }

  @Override
  public void onMessage(long nowNanos, Endpoint from, PublicKey fromKey, ToyMessage message) {
    received.add(new Received(nowNanos, from, fromKey, message));
    if (echo && message instanceof ToyMessage.Ping p) {
      outbox.add(new Out(from, fromKey, new ToyMessage.Pong(p.seq())));
    }
  }

  @Override
  public void onTick(long nowNanos) {
    ticks.add(nowNanos);
    deadlineNanos = periodNanos > 0 ? nowNanos + periodNanos : Long.MAX_VALUE;
  }

  @Override
  public long nextDeadlineNanos() {
    return deadlineNanos;
  }

  @Override
  public void drain(SimOutbox<ToyMessage> out) {
    for (Out o : outbox) {
      out.send(o.to(), o.expectedKey(), o.message());
    }
    outbox.clear();
    for (Object e : events) {
      out.event(e);
    }
    events.clear();
  }
}
