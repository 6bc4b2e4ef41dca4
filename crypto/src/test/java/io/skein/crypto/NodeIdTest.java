package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NodeId's construction rules and edge values. */
class NodeIdTest {
  private static final String ZERO_HEX = "0".repeat(64);

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "00",
        "0000000000000000000000000000000000000000000000000000000000000000ff",
        "000000000000000000000000000000000000000000000000000000000000000", // 63 digits
        "g000000000000000000000000000000000000000000000000000000000000000",
        "+000000000000000000000000000000000000000000000000000000000000000",
        "0x00000000000000000000000000000000000000000000000000000000000000",
        " 000000000000000000000000000000000000000000000000000000000000000",
        "\u0663000000000000000000000000000000000000000000000000000000000000", // Arabic-Indic 3
      })
  void fromHexRejectsBadInputWithIllegalArgument(String hex) {
    assertThatThrownBy(() -> NodeId.fromHex(hex))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node id");
  }

  @Test
  void fromHexErrorNamesTheExpectedLength() {
    assertThatThrownBy(() -> NodeId.fromHex("abc"))
        .hasMessage("a node id is 64 hex digits, got 3 characters 'abc'");
  }

  @Test
  void ofRejectsWrongLengthsAndShortBuffers() {
    assertThatThrownBy(() -> NodeId.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeId.of((byte[]) null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeId.of(new byte[40], 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 9 of 40 bytes");
    assertThatThrownBy(() -> NodeId.of(new byte[40], -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(NodeId.of(new byte[40], 8)).isEqualTo(NodeId.fromHex(ZERO_HEX));
  }

  @Test
  void extremesOfTheKeySpace() {
    NodeId zero = NodeId.fromHex(ZERO_HEX);
    NodeId max = NodeId.fromHex("f".repeat(64));
    NodeId one = NodeId.fromHex("0".repeat(63) + "1");
    assertThat(zero.leadingZeroBits()).isEqualTo(256);
    assertThat(one.leadingZeroBits()).isEqualTo(255);
    assertThat(max.leadingZeroBits()).isZero();
    assertThat(zero.commonPrefixBits(zero)).isEqualTo(256);
    assertThat(zero.commonPrefixBits(max)).isZero();
    assertThat(zero.commonPrefixBits(one)).isEqualTo(255);
    assertThat(zero.compareDistance(one, max)).isNegative();
    assertThat(max.compareDistance(one, zero)).isNegative();
    assertThat(zero.xor(max)).isEqualTo(max);
    assertThat(zero.compareTo(max)).isNegative();
  }

  @Test
  void nodeIdIsSha256OfThePublicKey() {
    KeyPair key = KeyPair.fromSeed(new byte[32]);
    assertThat(key.nodeId().bytes()).isEqualTo(Sha256.hash(key.publicKey().bytes()));
    assertThat(NodeId.of(key.publicKey())).isEqualTo(key.nodeId());
  }
}
