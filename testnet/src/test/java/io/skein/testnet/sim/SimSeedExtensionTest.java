package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SimSeedExtensionTest {
  /** Only fails when run by the test below (surefire skips nested classes anyway). */
  static volatile boolean armed;

  static volatile long seen;

  @ExtendWith(SimSeedExtension.class)
  static class FailingSimulation {
    @Test
    void fails(SimSeed seed) {
      seen = seed.value();
      if (armed) {
        throw new AssertionError("the simulated cluster diverged");
      }
    }
  }

  @Test
  void aFailingTestReportsItsSeedAndTheReplayCommand() {
    // The extension logs the banner at ERROR and attaches it to the failure as ReplayInfo; the
    // attached copy is what surefire reports, so that is what this checks.
    List<Throwable> failures = new ArrayList<>();
    armed = true;
    try {
      Launcher launcher = LauncherFactory.create();
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(FailingSimulation.class))
              .build(),
          new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              result.getThrowable().ifPresent(failures::add);
            }
          });
    } finally {
      armed = false;
    }

    String expected = SimSeeds.failureBanner("FailingSimulation", "fails", seen, false);
    assertThat(expected)
        .contains("seed=" + seen)
        .contains("-Dtest=FailingSimulation#fails -Dskein.sim.seed=" + seen);
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f).hasMessage("the simulated cluster diverged");
              assertThat(f.getSuppressed())
                  .filteredOn(SimSeedExtension.ReplayInfo.class::isInstance)
                  .extracting(Throwable::getMessage)
                  .containsExactly(expected);
            });
  }
}
