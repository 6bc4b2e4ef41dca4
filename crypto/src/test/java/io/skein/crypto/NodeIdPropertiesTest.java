package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** NodeId's XOR metric and encodings, checked against BigInteger arithmetic. */
class NodeIdPropertiesTest {

  @Provide
  Arbitrary<NodeId> ids() {
    Arbitrary<NodeId> random =
        Arbitraries.bytes().array(byte[].class).ofSize(NodeId.BYTES).map(NodeId::of);
    // Ids sharing long prefixes and with many zero bytes exercise the byte-boundary code paths.
    Arbitrary<NodeId> sparse =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofSize(NodeId.BYTES)
            .flatMap(
                b ->
                    Arbitraries.integers()
                        .between(0, NodeId.BYTES)
                        .map(
                            zeros -> {
                              byte[] copy = b.clone();
                              java.util.Arrays.fill(copy, 0, zeros, (byte) 0);
                              return NodeId.of(copy);
                            }));
    // Few explicit extremes instead of jqwik's combinatorial edge cases of 32-byte arrays.
    Arbitrary<NodeId> extremes =
        Arbitraries.of(
            NodeId.of(new byte[NodeId.BYTES]),
            NodeId.fromHex("f".repeat(64)),
            NodeId.fromHex("0".repeat(63) + "1"),
            NodeId.fromHex("8" + "0".repeat(63)));
    return Arbitraries.frequencyOf(
        Tuple.of(10, random.withoutEdgeCases()),
        Tuple.of(10, sparse.withoutEdgeCases()),
        Tuple.of(1, extremes));
  }

  private static BigInteger big(NodeId id) {
    return new BigInteger(1, id.bytes());
  }

  @Property
  void xorIsSymmetric(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
    assertThat(a.xor(b)).isEqualTo(b.xor(a));
  }

  @Property
  void xorIsSelfInverse(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
    assertThat(a.xor(b).xor(b)).isEqualTo(a);
    assertThat(a.xor(a).leadingZeroBits()).isEqualTo(NodeId.BITS);
  }

  @Property
  void xorAgreesWithBigInteger(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
    assertThat(big(a.xor(b))).isEqualTo(big(a).xor(big(b)));
  }

  @Property
  void compareDistanceAgreesWithUnsignedXorComparison(
      @ForAll("ids") NodeId target, @ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
    int expected = big(target).xor(big(a)).compareTo(big(target).xor(big(b)));
    assertThat(Integer.signum(target.compareDistance(a, b))).isEqualTo(expected);
    assertThat(Integer.signum(target.compareDistance(b, a))).isEqualTo(-expected);
  }

  @Property
  void compareDistanceOfNearNeighbours(@ForAll("ids") NodeId target, @ForAll("ids") NodeId a) {
    // a differs from target in fewer high bits than its complement does.
    NodeId far = NodeId.of(flipFirstBit(a.bytes()));
    int expected = big(target).xor(big(a)).compareTo(big(target).xor(big(far)));
    assertThat(Integer.signum(target.compareDistance(a, far))).isEqualTo(expected);
    assertThat(target.compareDistance(a, a)).isZero();
  }

  @Property
  void commonPrefixBitsAgreesWithBigInteger(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
    BigInteger x = big(a).xor(big(b));
    int expected = NodeId.BITS - x.bitLength();
    assertThat(a.commonPrefixBits(b)).isEqualTo(expected).isEqualTo(b.commonPrefixBits(a));
  }

  @Property
  void leadingZeroBitsAgreesWithBigInteger(@ForAll("ids") NodeId a) {
    assertThat(a.leadingZeroBits()).isEqualTo(NodeId.BITS - big(a).bitLength());
    for (int i = 0; i < a.leadingZeroBits(); i++) {
      assertThat(a.bit(i)).isFalse();
    }
  }

  @Property
  void bitAgreesWithBigInteger(@ForAll("ids") NodeId a) {
    BigInteger n = big(a);
    for (int i = 0; i < NodeId.BITS; i++) {
      assertThat(a.bit(i)).isEqualTo(n.testBit(NodeId.BITS - 1 - i));
    }
  }

  @Property
  void compareToIsUnsignedNumericOrder(@ForAll("ids") NodeId a, @ForAll("ids") NodeId b) {
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(big(a).compareTo(big(b)));
  }

  @Property
  void hexRoundTrips(@ForAll("ids") NodeId a) {
    assertThat(a.hex()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(NodeId.fromHex(a.hex())).isEqualTo(a);
    assertThat(NodeId.fromHex(a.hex().toUpperCase(java.util.Locale.ROOT))).isEqualTo(a);
  }

  @Property
  void shortIdIsTheFirstEightLowercaseHexDigits(@ForAll("ids") NodeId a) {
    assertThat(a.shortId()).matches("[0-9a-f]{8}").isEqualTo(a.hex().substring(0, 8));
    assertThat(a.toString()).isEqualTo(a.shortId());
  }

  @Property
  void bytesRoundTripAndAreCopies(@ForAll("ids") NodeId a) {
    byte[] bytes = a.bytes();
    bytes[0] ^= 1;
    assertThat(a.bytes()).isNotEqualTo(bytes);
    byte[] buffer = new byte[NodeId.BYTES + 3];
    a.copyTo(buffer, 3);
    assertThat(NodeId.of(buffer, 3)).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.byteAt(31)).isEqualTo(buffer[34] & 0xff);
  }

  private static byte[] flipFirstBit(byte[] b) {
    b[0] ^= (byte) 0x80;
    return b;
  }
}
