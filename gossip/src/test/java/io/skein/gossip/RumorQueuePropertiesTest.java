package io.skein.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RumorQueuePropertiesTest {
  private static final List<KeyPair> KEYS = new ArrayList<>();

  static {
    for (int i = 0; i < 12; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) i;
      seed[1] = 7;
      KEYS.add(KeyPair.fromSeed(seed));
    }
  }

  @Property(tries = 100)
  void theQueueStaysBoundedAndNoRumorIsSentMoreThanTheLimit(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int capacity,
      @ForAll @IntRange(min = 1, max = 10) int limit,
      @ForAll @IntRange(min = 1, max = 200) int steps) {
    GossipStats stats = new GossipStats();
    RumorQueue q = new RumorQueue(capacity, stats);
    SplittableRandom r = new SplittableRandom(seed);
    Map<Claim, Integer> sends = new HashMap<>();
    Endpoint ep = new Endpoint("10.0.0.1", 1);
    long incarnation = 0;
    for (int i = 0; i < steps; i++) {
      if (r.nextBoolean()) {
        // Membership queues a claim only when it is news: never the same claim twice.
        q.add(Alive.sign(KEYS.get(r.nextInt(KEYS.size())), ep, incarnation++));
      } else {
        List<Claim> out = new ArrayList<>();
        int max = 1 + r.nextInt(8);
        q.take(out, max, limit);
        assertThat(out).hasSizeLessThanOrEqualTo(max).doesNotHaveDuplicates();
        for (Claim c : out) {
          sends.merge(c, 1, Integer::sum);
        }
      }
      assertThat(q.size()).isLessThanOrEqualTo(capacity);
      assertThat(stats.rumorsPending()).isEqualTo(q.size());
    }
    assertThat(sends.values()).allMatch(n -> n <= limit);
  }
}
