package io.skein.testnet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  void aFailingTestPrintsItsSeedAndTheReplayCommand() {
    List<Throwable> failures = new ArrayList<>();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    armed = true;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
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
      System.setErr(original);
    }

    String expected = SimSeeds.failureBanner("FailingSimulation", "fails", seen, false);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(expected);
    assertThat(expected)
        .contains("seed=" + seen)
        .contains("-Dtest=FailingSimulation#fails -Dskein.sim.seed=" + seen);
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f).hasMessage("the simulated cluster diverged");
              assertThat(Arrays.stream(f.getSuppressed()).map(Throwable::getMessage))
                  .contains(expected);
            });
  }
}
