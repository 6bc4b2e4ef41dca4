package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A toy anti-entropy protocol: every round (period plus random jitter) a node pushes the bit mask
 * of rumors it knows to a random peer, which merges it and answers with its own mask when it knows
 * something the pusher does not. Every node starts a rumor of its own at a random time. It uses its
 * random stream, timers and the network enough to give the determinism and throughput tests a rich
 * trace.
 */
final class FloodProcess implements SimProcess<ToyMessage> {
  record Learned(int node, long known) {}

  private final SimNode node;
  private final int peers;
  private final long roundNanos;
  private final List<Endpoint> toSend = new ArrayList<>();
  private final List<ToyMessage> messages = new ArrayList<>();
  private final List<Object> events = new ArrayList<>();
  private long known;
  private long nextRound;
  private long rumorAt;

  FloodProcess(SimNode node, int peers, long roundNanos) {
    this.node = node;
    this.peers = peers;
    this.roundNanos = roundNanos;
    this.nextRound = node.nowNanos() + node.random().nextLong(roundNanos);
    this.rumorAt = node.nowNanos() + node.random().nextLong(60 * roundNanos);
  }

  long known() {
    return known;
  }

  @Override
  public void onMessage(long nowNanos, Endpoint from, PublicKey fromKey, ToyMessage message) {
    if (message instanceof ToyMessage.Push p) {
      learn(p.known());
      if ((known & ~p.known()) != 0) {
        queue(from, new ToyMessage.Pull(known));
      }
    } else if (message instanceof ToyMessage.Pull p) {
      learn(p.known());
    }
  }

  private void learn(long mask) {
    if ((mask & ~known) != 0) {
      known |= mask;
      events.add(new Learned(node.index(), known));
    }
  }

  @Override
  public void onTick(long nowNanos) {
    if (nowNanos >= rumorAt) {
      learn(1L << (node.index() % 64));
      rumorAt = Long.MAX_VALUE;
    }
    if (nowNanos >= nextRound) {
      int peer = node.random().nextInt(peers);
      if (peer != node.index()) {
        queue(Simulator.endpointOf(peer), new ToyMessage.Push(known));
      }
      nextRound = nowNanos + roundNanos / 2 + node.random().nextLong(roundNanos);
    }
  }

  private void queue(Endpoint to, ToyMessage m) {
    toSend.add(to);
    messages.add(m);
  }

  @Override
  public long nextDeadlineNanos() {
    return Math.min(nextRound, rumorAt);
  }

  @Override
  public void drain(SimOutbox<ToyMessage> out) {
    for (int i = 0; i < toSend.size(); i++) {
      out.send(toSend.get(i), null, messages.get(i));
    }
    toSend.clear();
    messages.clear();
    for (Object e : events) {
      out.event(e);
    }
    events.clear();
  }
}
