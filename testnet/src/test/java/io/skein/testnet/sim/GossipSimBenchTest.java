package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.testnet.sim.GossipScenarios.Params;
import io.skein.testnet.sim.GossipSimBench.Report;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 1,000-node gossip measurements; writes bench/results/gossip-sim.md at the repository root.
 * Slow (minutes): run with {@link GossipSimBench#COMMAND}.
 */
@Tag("slow")
@ExtendWith(SimSeedExtension.class)
class GossipSimBenchTest {
  private static final Logger LOG = LoggerFactory.getLogger(GossipSimBenchTest.class);

  @Test
  void thousandNodes(SimSeed seed) {
    int nodes = Integer.getInteger("skein.sim.nodes", 1000);
    Report r =
        GossipSimBench.run(
            Params.standard(nodes, seed.value()), GossipSimBench.SCENARIOS, LOG::warn);
    String md = GossipSimBench.markdown(r, GossipSimBench.COMMAND);
    Path out = GossipSimBench.repositoryRoot(Path.of("")).resolve(GossipSimBench.DEFAULT_OUT);
    GossipSimBench.write(md, out);
    LOG.warn("{}", md);
    LOG.warn("written to {}", out.toAbsolutePath());

    assertThat(r.spread().start().converged()).as("spread cluster converged").isTrue();
    assertThat(r.loss().start().converged()).as("loss cluster converged").isTrue();
    assertThat(r.stall().start().converged()).as("stall cluster converged").isTrue();
    assertThat(r.spread().unreached()).as("trials that never reached their target").isZero();
  }
}
