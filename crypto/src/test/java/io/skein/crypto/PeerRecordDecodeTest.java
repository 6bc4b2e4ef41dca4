package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed encoding is refused with an IllegalArgumentException naming the problem. */
class PeerRecordDecodeTest {
  private static final String KEY =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String SEQ = "0000000000000001";
  private static final String SIG = "00".repeat(64);
  private static final String SIG60 = "00".repeat(60);

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "02 KEY SEQ 01 01 61 1b58 SIG         | peer record version 2 is not supported",
        "01 KEY SEQ 00 01 61 1b58 SIG         | peer record has 0 endpoints, not 1..8",
        "01 KEY SEQ 09 01 61 1b58 SIG         | peer record has 9 endpoints, not 1..8",
        "01 KEY SEQ 01 00 61 1b58 SIG         | peer record endpoint 0 has a host of 0 bytes, not 1..253",
        "01 KEY SEQ 01 fe 61 1b58 SIG         | peer record endpoint 0 has a host of 254 bytes, not 1..253",
        "01 KEY SEQ 01 01 61 0000 SIG         | peer record endpoint 0: port must be 1..65535, got 0",
        "01 KEY SEQ 01 01 20 1b58 SIG         | peer record endpoint 0: host ' ' has an invalid character"
            + " (U+0020) at position 0",
        "01 KEY SEQ 01 01 e9 1b58 SIG         | peer record endpoint 0: host '\u00e9' has an invalid"
            + " character (U+00E9) at position 0",
        "01 KEY SEQ 01 01 61 1b58 SIG 00      | peer record has 1 trailing bytes",
        "01 KEY SEQ 01 0a 61616161616161616161 1b58 SIG60 | peer record is truncated in its signature",
        "01 KEY SEQ 02 01 61 1b58 01 61 1b58 SIG | peer record lists endpoint a:7000 twice",
        "01 KEY SEQ 02 01 61 1b58 fd 61 1b58 SIG | peer record is truncated at endpoint 1",
      })
  void malformedEncodingsAreRefused(String layout, String problem) {
    byte[] bytes =
        HexFormat.of()
            .parseHex(
                layout
                    .replace("KEY", KEY)
                    .replace("SEQ", SEQ)
                    .replace("SIG60", SIG60)
                    .replace("SIG", SIG)
                    .replace(" ", ""));
    assertThatThrownBy(() -> PeerRecord.decode(bytes))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(problem);
  }

  @Test
  void sizesOutsideTheLimitsAreRefusedBeforeParsing() {
    assertThatThrownBy(() -> PeerRecord.decode(new byte[PeerRecord.MIN_ENCODED_BYTES - 1]))
        .hasMessage("peer record is 109 bytes, not 110..2154");
    assertThatThrownBy(() -> PeerRecord.decode(new byte[PeerRecord.MAX_ENCODED_BYTES + 1]))
        .hasMessage("peer record is 2155 bytes, not 110..2154");
    assertThatThrownBy(() -> PeerRecord.decode(null)).hasMessage("peer record is missing");
  }

  @Test
  void aWellFormedButUnsignedRecordDecodesAndFailsVerification() {
    byte[] bytes = HexFormat.of().parseHex("01" + KEY + SEQ + "01" + "0161" + "1b58" + SIG);
    PeerRecord decoded = PeerRecord.decode(bytes);
    assertThat(decoded.endpoints()).containsExactly(new Endpoint("a", 7000));
    assertThat(decoded.verify(Ed25519.VERIFIER)).isFalse();
    assertThat(decoded.encode()).isEqualTo(bytes);
    assertThat(decoded.endpoints()).isEqualTo(List.of(Endpoint.parse("a:7000")));
  }
}
