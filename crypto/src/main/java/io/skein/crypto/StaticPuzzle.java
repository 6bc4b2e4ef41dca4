package io.skein.crypto;

import java.security.SecureRandom;

/**
 * S/Kademlia's static crypto puzzle (Baumgart and Mies, 2007): a network may require that
 * SHA-256(node id) start with {@code d} zero bits, so that each identity costs about 2^d key
 * generations to create while checking one costs a single hash. A node id is itself SHA-256(public
 * key), so the puzzle is on the hash of that hash and cannot be met by choosing the id.
 */
public final class StaticPuzzle {
  /**
   * Highest difficulty {@link #generate} accepts: 2^24 expected key generations is already hours on
   * one core, and beyond that the loop would look like a hang.
   */
  public static final int MAX_GENERATE_BITS = 24;

  private StaticPuzzle() {}

  /**
   * Whether {@code id} solves the puzzle at {@code difficultyBits}: leadingZeroBits(SHA-256(id
   * bytes)) &gt;= difficultyBits. Difficulty 0 accepts every id.
   *
   * @throws IllegalArgumentException if {@code difficultyBits} is not 0..256
   */
  public static boolean satisfies(NodeId id, int difficultyBits) {
    checkDifficulty(difficultyBits, NodeId.BITS);
    return NodeId.of(Sha256.hash(id.bytes())).leadingZeroBits() >= difficultyBits;
  }

  /**
   * A new key pair whose node id satisfies the puzzle; expected cost 2^difficultyBits key
   * generations.
   *
   * @throws IllegalArgumentException if {@code difficultyBits} is not 0..{@value
   *     #MAX_GENERATE_BITS}
   */
  public static KeyPair generate(int difficultyBits, SecureRandom random) {
    checkDifficulty(difficultyBits, MAX_GENERATE_BITS);
    while (true) {
      KeyPair key = KeyPair.generate(random);
      if (satisfies(key.nodeId(), difficultyBits)) {
        return key;
      }
    }
  }

  private static void checkDifficulty(int difficultyBits, int max) {
    if (difficultyBits < 0 || difficultyBits > max) {
      throw new IllegalArgumentException(
          "puzzle difficulty must be 0.." + max + " bits, got " + difficultyBits);
    }
  }
}
