package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  @Test
  void pollsInTimeOrderAndTiesInInsertionOrder() {
    EventQueue queue = new EventQueue();
    SplittableRandom random = new SplittableRandom(1);
    List<SimEvent> added = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      SimEvent e = new SimEvent();
      e.time = random.nextLong(100); // many ties
      queue.add(e);
      added.add(e);
    }
    List<SimEvent> expected = new ArrayList<>(added);
    expected.sort(
        (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));

    List<SimEvent> polled = new ArrayList<>();
    SimEvent e;
    while ((e = queue.poll()) != null) {
      polled.add(e);
    }
    assertThat(polled).containsExactlyElementsOf(expected);
    assertThat(queue.isEmpty()).isTrue();
  }
}
