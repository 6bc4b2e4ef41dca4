package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The S/Kademlia static puzzle on SHA-256(node id). */
class StaticPuzzleTest {

  @Test
  void generatedKeysSolveDifficultyEight() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 3; i++) {
      KeyPair key = StaticPuzzle.generate(8, random);
      assertThat(StaticPuzzle.satisfies(key.nodeId(), 8)).isTrue();
      assertThat(NodeId.of(Sha256.hash(key.nodeId().bytes())).leadingZeroBits())
          .isGreaterThanOrEqualTo(8);
    }
  }

  @Property(tries = 300)
  void satisfiesIsExactlyTheLeadingZeroBitsOfTheHash(
      @ForAll @Size(NodeId.BYTES) byte[] bytes, @ForAll @IntRange(min = 0, max = 12) int d) {
    NodeId id = NodeId.of(bytes);
    byte[] hash = Sha256.hash(bytes);
    int zeros = new java.math.BigInteger(1, hash).bitLength();
    assertThat(StaticPuzzle.satisfies(id, d)).isEqualTo(NodeId.BITS - zeros >= d);
    assertThat(StaticPuzzle.satisfies(id, 0)).isTrue();
  }

  @Test
  void knownIdsAgreeWithAnIndependentSha256() {
    // SHA-256 values computed with Python's hashlib.
    // SHA-256(e901 00..00) = 00786675...: exactly 9 leading zero bits.
    NodeId nine = NodeId.fromHex("e901" + "0".repeat(60));
    assertThat(StaticPuzzle.satisfies(nine, 8)).isTrue();
    assertThat(StaticPuzzle.satisfies(nine, 9)).isTrue();
    assertThat(StaticPuzzle.satisfies(nine, 10)).isFalse();
    // SHA-256(32 zero bytes) = 66687aad...: exactly 1 leading zero bit.
    NodeId zero = NodeId.of(new byte[32]);
    assertThat(StaticPuzzle.satisfies(zero, 1)).isTrue();
    assertThat(StaticPuzzle.satisfies(zero, 2)).isFalse();
  }

  @Test
  void difficultyOutOfRangeIsRefused() {
    NodeId id = NodeId.of(new byte[32]);
    assertThatThrownBy(() -> StaticPuzzle.satisfies(id, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("puzzle difficulty must be 0..256 bits, got -1");
    assertThat(StaticPuzzle.satisfies(id, 256)).isFalse();
    assertThatThrownBy(() -> StaticPuzzle.generate(25, new SecureRandom()))
        .hasMessage("puzzle difficulty must be 0..24 bits, got 25");
  }
}
