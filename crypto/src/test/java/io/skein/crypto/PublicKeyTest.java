package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** PublicKey construction, hex form and value equality. */
class PublicKeyTest {
  private final PublicKey key = KeyPair.fromSeed(new byte[32]).publicKey();

  @Test
  void hexRoundTripsInEitherCase() {
    assertThat(PublicKey.fromHex(key.hex())).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(PublicKey.fromHex(key.hex().toUpperCase(java.util.Locale.ROOT))).isEqualTo(key);
  }

  @Test
  void fromHexRejectsBadInputWithIllegalArgument() {
    for (String bad :
        new String[] {null, "", "zz", key.hex() + "00", key.hex().replace('a', 'x')}) {
      if (bad != null && bad.equals(key.hex())) {
        continue;
      }
      assertThatThrownBy(() -> PublicKey.fromHex(bad))
          .as("%s", bad)
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("public key");
    }
  }

  @Test
  void ofWithOffsetRejectsShortBuffersInsteadOfZeroPadding() {
    byte[] buffer = new byte[40];
    key.copyTo(buffer, 8);
    assertThat(PublicKey.of(buffer, 8)).isEqualTo(key);
    assertThat(key.equalsBytes(buffer, 8)).isTrue();
    assertThat(key.equalsBytes(buffer, 7)).isFalse();
    assertThatThrownBy(() -> PublicKey.of(buffer, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKey.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytesAreACopy() {
    byte[] bytes = key.bytes();
    bytes[0] ^= 1;
    assertThat(PublicKey.of(bytes)).isNotEqualTo(key);
    assertThat(key.bytes()).isNotEqualTo(bytes);
  }
}
