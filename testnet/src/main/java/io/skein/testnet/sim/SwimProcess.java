package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipConfig;
import io.skein.gossip.MemberEvent;
import io.skein.gossip.Outbound;
import io.skein.gossip.Swim;
import io.skein.gossip.msg.GossipMessage;
import java.util.List;

/**
 * Drives one {@link Swim} gossip core in the {@link Simulator}: it joins through the given seeds
 * when it starts, and after every call hands the core's outbox to the network and its membership
 * events to the simulator (which traces them and passes them to {@link GossipSim}).
 */
public final class SwimProcess implements SimProcess<GossipMessage> {
  private final Swim swim;
  private final List<Endpoint> seeds;

  /** A core for {@code node} built with {@code config}, that will join through {@code seeds}. */
  public SwimProcess(SimNode node, GossipConfig config, List<Endpoint> seeds) {
    this.swim =
        new Swim(
            config,
            node.signer(),
            node.verifier(),
            node.endpoint(),
            node.random(),
            node.nowNanos());
    this.seeds = List.copyOf(seeds);
  }

  /** The core, for inspection and user commands (leave). */
  public Swim swim() {
    return swim;
  }

  @Override
  public void start(long nowNanos) {
    if (!seeds.isEmpty()) {
      swim.join(nowNanos, seeds);
    }
  }

  @Override
  public void onMessage(long nowNanos, Endpoint from, PublicKey fromKey, GossipMessage message) {
    swim.onMessage(nowNanos, from, fromKey, message);
  }

  @Override
  public void onTick(long nowNanos) {
    swim.onTick(nowNanos);
  }

  @Override
  public long nextDeadlineNanos() {
    return swim.nextDeadlineNanos();
  }

  @Override
  public void drain(SimOutbox<GossipMessage> outbox) {
    List<Outbound> out = swim.drainOutbox();
    for (int i = 0; i < out.size(); i++) {
      Outbound o = out.get(i);
      outbox.send(o.to(), o.expectedKeyOrNull(), o.message());
    }
    List<MemberEvent> events = swim.drainEvents();
    for (int i = 0; i < events.size(); i++) {
      MemberEvent e = events.get(i);
      outbox.event(e, GossipFingerprints.of(e));
    }
  }

  @Override
  public String toString() {
    return "SwimProcess(" + swim + ")";
  }
}
