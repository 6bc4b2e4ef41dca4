package io.skein.dht.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Ed25519;
import io.skein.crypto.PublicKey;
import io.skein.dht.DhtLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BEP 44's published mutable-item vectors verify with Skein's own record validator. */
class Bep44VectorsTest {
  private static final RecordValidator VALIDATOR =
      new RecordValidator(Ed25519.VERIFIER, DhtLimits.MAX_VALUE_BYTES);

  private record Vector(byte[] salt, long seq, byte[] value, byte[] buffer, byte[] signature) {}

  private static PublicKey key;
  private static List<Vector> vectors;

  @BeforeAll
  static void load() throws IOException {
    vectors = new ArrayList<>();
    Pattern keyLine = Pattern.compile("public key ([0-9a-f]{64})");
    try (InputStream in = Bep44VectorsTest.class.getResourceAsStream("/vectors/bep44-mutable.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#")) {
          Matcher m = keyLine.matcher(line);
          if (m.find()) {
            key = PublicKey.fromHex(m.group(1));
          }
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        List<String> f = fields(line);
        assertThat(f).hasSize(5);
        byte[] salt =
            f.get(0).equals("-") ? new byte[0] : f.get(0).getBytes(StandardCharsets.US_ASCII);
        vectors.add(
            new Vector(
                salt,
                Long.parseLong(f.get(1)),
                bencodedString(f.get(2)),
                f.get(3).getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().parseHex(f.get(4))));
      }
    }
    assertThat(key).as("public key in the header").isNotNull();
    assertThat(vectors).hasSize(2);
  }

  /** Splits on spaces, where "\ " stands for a space inside a field. */
  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ' ') {
        cur.append(' ');
        i++;
      } else if (c == ' ') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** The vectors' value is the bencoded v: {@code <len>:<bytes>}; Skein's value is the bytes. */
  private static byte[] bencodedString(String s) {
    int colon = s.indexOf(':');
    int len = Integer.parseInt(s.substring(0, colon));
    byte[] bytes = s.substring(colon + 1).getBytes(StandardCharsets.US_ASCII);
    assertThat(bytes).hasSize(len);
    return bytes;
  }

  private static MutableRecord record(Vector v) {
    return MutableRecord.of(key, v.salt(), v.seq(), v.value(), v.signature());
  }

  @Test
  void signedBytesMatchTheBufferBeingSigned() {
    for (Vector v : vectors) {
      assertThat(new String(record(v).signedBytes(), StandardCharsets.US_ASCII))
          .isEqualTo(new String(v.buffer(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void vectorWithoutSaltVerifies() {
    Vector v = vectors.get(0);
    assertThat(v.salt()).isEmpty();
    MutableRecord r = record(v);
    assertThat(VALIDATOR.validate(r.key(), r).valid()).isTrue();
  }

  @Test
  void vectorWithSaltVerifies() {
    Vector v = vectors.get(1);
    assertThat(new String(v.salt(), StandardCharsets.US_ASCII)).isEqualTo("foobar");
    MutableRecord r = record(v);
    assertThat(VALIDATOR.validate(r.key(), r).valid()).isTrue();
  }

  @Test
  void tamperedVectorsFailWithBadSignature() {
    for (Vector v : vectors) {
      byte[] value = v.value().clone();
      value[0] ^= 1;
      MutableRecord changedValue = MutableRecord.of(key, v.salt(), v.seq(), value, v.signature());
      MutableRecord changedSeq =
          MutableRecord.of(key, v.salt(), v.seq() + 1, v.value(), v.signature());
      byte[] sig = v.signature().clone();
      sig[10] ^= 0x40;
      MutableRecord changedSig = MutableRecord.of(key, v.salt(), v.seq(), v.value(), sig);
      for (MutableRecord r : List.of(changedValue, changedSeq, changedSig)) {
        assertThat(VALIDATOR.validate(r.key(), r).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
      }
    }
  }

  @Test
  void saltedAndUnsaltedRecordsOfOneKeyLiveAtDifferentKeys() {
    assertThat(record(vectors.get(0)).key()).isNotEqualTo(record(vectors.get(1)).key());
  }
}
