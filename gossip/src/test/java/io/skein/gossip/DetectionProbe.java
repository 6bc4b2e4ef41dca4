package io.skein.gossip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionProbe {
  @Test
  void measure() {
    List<Double> firstPing = new ArrayList<>(),
        firstSuspect = new ArrayList<>(),
        allDead = new ArrayList<>();
    for (int seed = 1; seed <= 30; seed++) {
      TestNet net = TestNet.fast(GossipConfig.lan(), seed);
      var nodes = net.cluster(50);
      net.runUntil(net::converged, 20 * TestNet.SECOND);
      net.runFor(5 * TestNet.SECOND + seed * 37 * TestNet.MS);
      var victim = nodes.get(seed % 49 + 1);
      long t0 = net.now;
      net.kill(victim);
      net.runUntil(() -> net.allSee(victim, MemberState.DEAD), 60 * TestNet.SECOND);
      allDead.add((net.now - t0) / 1e9);
      double fp = 1e9, fs = 1e9;
      for (var n : nodes) {
        for (var m : n.sent)
          if (m.nanos() >= t0 && m.to().equals(victim.endpoint)) {
            fp = Math.min(fp, (m.nanos() - t0) / 1e9);
            break;
          }
        for (var e : n.events)
          if (e.nowNanos() >= t0 && e.member().key().equals(victim.key())) {
            fs = Math.min(fs, (e.nowNanos() - t0) / 1e9);
            break;
          }
      }
      firstPing.add(fp);
      firstSuspect.add(fs);
    }
    Collections.sort(firstPing);
    Collections.sort(firstSuspect);
    Collections.sort(allDead);
    System.out.println("firstPing " + firstPing);
    System.out.println("firstSuspect " + firstSuspect);
    System.out.println("allDead " + allDead);
  }
}
