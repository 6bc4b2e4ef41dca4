package io.skein.testnet.sim;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Random streams derived from one seed. Each stream is named by a label and an index ({@code
 * ("core", node)}, {@code ("net", node)}, {@code ("fault/stall", 0)}, ...) and seeded from a hash
 * of (seed, label, index) alone, never by splitting a shared generator in order; so adding a node,
 * a fault or a draw in one stream never changes any other stream.
 */
public final class SimRandom {
  /** The JDK 17 generator behind every stream (LXM family: fast, 2^192 period, splittable). */
  public static final String ALGORITHM = "L64X128MixRandom";

  private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
      RandomGeneratorFactory.of(ALGORITHM);

  private SimRandom() {}

  /** The stream named ({@code label}, {@code index}) under {@code seed}. */
  public static RandomGenerator stream(long seed, String label, long index) {
    return FACTORY.create(streamSeed(seed, label, index));
  }

  /** The 64-bit seed of a stream: a mix of the run seed, a hash of the label and the index. */
  static long streamSeed(long seed, String label, long index) {
    long h = mix64(seed ^ 0x9e3779b97f4a7c15L);
    h = mix64(h ^ TraceHash.hashString(label));
    return mix64(h + index * 0xbf58476d1ce4e5b9L);
  }

  /** Murmur3's 64-bit finalizer: a bijection that spreads every input bit over the output. */
  static long mix64(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
