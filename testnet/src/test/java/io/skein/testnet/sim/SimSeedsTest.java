package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimSeedsTest {
  @Test
  void thePropertyFixesTheSeed() {
    assertThat(SimSeeds.seedFor("X#y", "42")).isEqualTo(42);
    assertThat(SimSeeds.seedFor("X#y", " -7 ")).isEqualTo(-7);
  }

  @Test
  void withoutThePropertyEachTestHasAFixedDefault() {
    assertThat(SimSeeds.seedFor("X#y", null))
        .isEqualTo(SimSeeds.seedFor("X#y", ""))
        .isEqualTo(SimSeeds.defaultSeed("X#y"))
        .isNotEqualTo(SimSeeds.seedFor("X#z", null));
  }

  @Test
  void randomGivesDifferentSeeds() {
    assertThat(SimSeeds.seedFor("X#y", "random")).isNotEqualTo(SimSeeds.seedFor("X#y", "random"));
  }

  @Test
  void aBadPropertyIsAClearError() {
    assertThatThrownBy(() -> SimSeeds.seedFor("X#y", "12abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Dskein.sim.seed")
        .hasMessageContaining("12abc");
  }

  @Test
  void theReplayCommandNamesTestSeedAndProfile() {
    assertThat(SimSeeds.replayCommand("GossipSimTest", "converges", -5, false))
        .isEqualTo(
            "mvn -pl testnet -am verify -Dtest=GossipSimTest#converges -Dskein.sim.seed=-5"
                + " -Dsurefire.failIfNoSpecifiedTests=false");
    assertThat(SimSeeds.replayCommand("GossipSimSlowTest", "hour", 9, true))
        .startsWith("mvn -pl testnet -am verify -Pslow -Dtest=GossipSimSlowTest#hour ");
    assertThat(SimSeeds.failureBanner("A", "b", 3, false))
        .startsWith("seed=3")
        .contains("replay: mvn");
  }
}
