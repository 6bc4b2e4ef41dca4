package io.skein.testnet.sim;

import io.skein.crypto.PublicKey;
import io.skein.gossip.MemberEvent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Records when each node first reported one of some membership events about one subject, from a
 * start time on: how long an update took to spread, or a crash to be detected, node by node.
 * Created by {@link GossipSim#watch(PublicKey, Set)}.
 */
public final class Watch {
  private final PublicKey subject;
  private final EnumSet<MemberEvent.Type> types;
  private final long sinceNanos;
  private long[] firstSeen;
  private int seen;

  Watch(PublicKey subject, Set<MemberEvent.Type> types, long sinceNanos, int nodes) {
    this.subject = subject;
    this.types = EnumSet.copyOf(types);
    this.sinceNanos = sinceNanos;
    this.firstSeen = new long[Math.max(16, nodes)];
    Arrays.fill(firstSeen, -1);
  }

  void onEvent(long timeNanos, int observer, MemberEvent event) {
    if (!types.contains(event.type())) {
      return;
    }
    if (observer >= firstSeen.length) {
      int old = firstSeen.length;
      firstSeen = Arrays.copyOf(firstSeen, Math.max(observer + 1, old * 2));
      Arrays.fill(firstSeen, old, firstSeen.length, -1);
    }
    if (firstSeen[observer] < 0) {
      firstSeen[observer] = timeNanos;
      seen++;
    }
  }

  /** The member watched. */
  public PublicKey subject() {
    return subject;
  }

  /** When the watch started. */
  public long sinceNanos() {
    return sinceNanos;
  }

  /** How many nodes have reported a watched event. */
  public int seen() {
    return seen;
  }

  /** Whether node {@code observer} has reported a watched event. */
  public boolean seenBy(int observer) {
    return observer < firstSeen.length && firstSeen[observer] >= 0;
  }

  /** Time from the start until node {@code observer} reported, or -1 if it has not. */
  public long latencyNanos(int observer) {
    return seenBy(observer) ? firstSeen[observer] - sinceNanos : -1;
  }

  /** Time from the start until {@code count} nodes had reported, if that many have. */
  public OptionalLong timeToReachNanos(int count) {
    if (count <= 0) {
      return OptionalLong.of(0);
    }
    if (count > seen) {
      return OptionalLong.empty();
    }
    long[] latencies = latenciesNanos();
    Arrays.sort(latencies);
    return OptionalLong.of(latencies[count - 1]);
  }

  /** Every reporting node's latency, in node order. */
  public long[] latenciesNanos() {
    long[] out = new long[seen];
    int j = 0;
    for (long t : firstSeen) {
      if (t >= 0) {
        out[j++] = t - sinceNanos;
      }
    }
    return out;
  }
}
