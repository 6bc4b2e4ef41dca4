package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.testnet.sim.GossipScenarios.Params;
import io.skein.testnet.sim.GossipSimBench.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The 1,000-node measurements, run small: they finish, and the report shows what they found. */
@ExtendWith(SimSeedExtension.class)
class GossipScenariosTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void smallScenariosRunAndReport(SimSeed seed, @TempDir Path dir) throws Exception {
    Params p = Params.standard(60, seed.value()).withSoak(120 * SECOND).withTrials(3, 2, 3);
    Report r = GossipSimBench.run(p, GossipSimBench.SCENARIOS, line -> {});

    assertThat(r.spread().start().converged()).isTrue();
    assertThat(r.spread().unreached()).isZero();
    assertThat(r.spread().joinReachNanos()).hasSize(3);
    assertThat(r.spread().leaveReachNanos()).hasSize(2);
    assertThat(r.spread().deadEverywhereNanos()).hasSize(3);
    for (long[] times :
        new long[][] {
          r.spread().joinReachNanos(),
          r.spread().leaveReachNanos(),
          r.spread().deadEverywhereNanos()
        }) {
      assertThat(LongStream.of(times).allMatch(t -> t > 0 && t < 60 * SECOND))
          .as(Arrays.toString(times))
          .isTrue();
    }
    assertThat(r.spread().deadObserverNanos()).hasSizeGreaterThanOrEqualTo(3 * 50);
    assertThat(r.loss().messages()).isPositive();
    assertThat(r.stall().stalls()).isPositive();
    assertThat(r.stall().deadlinesMissed()).isPositive();

    String md = GossipSimBench.markdown(r, GossipSimBench.COMMAND);
    assertThat(md)
        .contains("# Gossip in the simulator: 60 nodes")
        .contains("-Dskein.sim.seed=" + seed.value())
        .contains(
            "| false deaths in 120 s virtual, 5% message loss on every link | 0 | "
                + r.loss().falseDeathEpisodes()
                + " ("
                + r.loss().falseDeathReports()
                + " reports) |")
        .contains("suspicions Lifeguard avoided")
        .contains(r.stall().traceHash());

    Path out = dir.resolve("results/gossip-sim.md");
    GossipSimBench.write(md, out);
    assertThat(Files.readString(out)).isEqualTo(md);
  }

  @Test
  void onlyTheNamedScenariosRun(SimSeed seed) {
    Params p = Params.standard(20, seed.value()).withSoak(10 * SECOND);
    Report r = GossipSimBench.run(p, Set.of("loss"), line -> {});

    assertThat(r.spread()).isNull();
    assertThat(r.stall()).isNull();
    assertThat(r.loss().virtualNanos()).isEqualTo(10 * SECOND);
    assertThat(GossipSimBench.markdown(r, "cmd")).doesNotContain("## Update spread");
  }

  @Test
  void theRepositoryRootIsFoundFromTheModuleDirectory() {
    Path root = GossipSimBench.repositoryRoot(Path.of(""));
    assertThat(root.resolve("testnet")).isDirectory();
    assertThat(root.resolve("pom.xml")).isRegularFile();
  }
}
