package io.skein.testnet.sim;

/**
 * Picks a simulation's seed and says how to replay it.
 *
 * <p>The seed comes from the system property {@value #PROPERTY} when set (a decimal long, or {@code
 * random} for a fresh one each run); otherwise it is a fixed default derived from the test's name,
 * so a plain build is reproducible. Whatever the source, a failing run prints {@code seed=<n>} and
 * the command that replays exactly that run (see {@link #replayCommand}).
 */
public final class SimSeeds {
  /** System property that fixes the seed: {@code -Dskein.sim.seed=<long>} or {@code random}. */
  public static final String PROPERTY = "skein.sim.seed";

  private SimSeeds() {}

  /**
   * The seed for the test or run named {@code name} (e.g. {@code "GossipSimTest#converges"}).
   *
   * @throws IllegalArgumentException if the property is set but is neither a long nor {@code
   *     random}
   */
  public static long seedFor(String name) {
    return seedFor(name, System.getProperty(PROPERTY));
  }

  /** {@link #seedFor(String)} with an explicit property value (null when unset). */
  static long seedFor(String name, String property) {
    if (property == null || property.isBlank()) {
      return defaultSeed(name);
    }
    String value = property.trim();
    if (value.equalsIgnoreCase("random")) {
      return System.nanoTime() ^ SimRandom.mix64(System.currentTimeMillis());
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + " must be a decimal long or 'random', got '" + property + "'", e);
    }
  }

  /** The fixed default seed of {@code name}: a 64-bit hash of the name. */
  public static long defaultSeed(String name) {
    return SimRandom.mix64(TraceHash.hashString(name));
  }

  /**
   * The Maven command that replays test method {@code method} of {@code testClass} with {@code
   * seed}. Tests tagged {@code slow} need {@code slow = true} (they are excluded by default).
   */
  public static String replayCommand(String testClass, String method, long seed, boolean slow) {
    return "mvn -pl testnet -am verify"
        + (slow ? " -Pslow" : "")
        + " -Dtest="
        + testClass
        + "#"
        + method
        + " -D"
        + PROPERTY
        + "="
        + seed
        + " -Dsurefire.failIfNoSpecifiedTests=false";
  }

  /** The two lines a failing run prints: {@code seed=<n>} and the replay command. */
  public static String failureBanner(String testClass, String method, long seed, boolean slow) {
    return "seed="
        + seed
        + System.lineSeparator()
        + "replay: "
        + replayCommand(testClass, method, seed, slow);
  }
}
