package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Round trips and hostile input for {@link PeerRecord}'s encoding. */
class PeerRecordPropertiesTest {
  private static final KeyPair KEY = KeyPair.fromSeed(Sha256.hash(new byte[] {1}));
  private static final PeerRecord SAMPLE =
      PeerRecord.sign(
          KEY,
          List.of(new Endpoint("node-1.example.org", 7000), new Endpoint("fe80::1%eth0", 1)),
          7);

  @Provide
  Arbitrary<Endpoint> endpoints() {
    Arbitrary<String> hosts =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:%")
            .ofMinLength(1)
            .ofMaxLength(Endpoint.MAX_HOST_BYTES);
    return Combinators.combine(hosts, Arbitraries.integers().between(1, Endpoint.MAX_PORT))
        .as(Endpoint::new);
  }

  @Provide
  Arbitrary<List<Endpoint>> endpointLists() {
    return endpoints().list().ofMinSize(1).ofMaxSize(PeerRecord.MAX_ENDPOINTS).uniqueElements();
  }

  @Property(tries = 500)
  void encodeDecodeRoundTrips(@ForAll("endpointLists") List<Endpoint> endpoints, @ForAll long seq) {
    PeerRecord record = PeerRecord.sign(KEY, endpoints, seq);
    byte[] encoded = record.encode();
    PeerRecord decoded = PeerRecord.decode(encoded);
    assertThat(decoded).isEqualTo(record).hasSameHashCodeAs(record);
    assertThat(decoded.endpoints()).isEqualTo(endpoints);
    assertThat(decoded.seq()).isEqualTo(seq);
    assertThat(decoded.publicKey()).isEqualTo(KEY.publicKey());
    assertThat(decoded.verify(Ed25519.VERIFIER)).isTrue();
    assertThat(encoded.length)
        .isBetween(PeerRecord.MIN_ENCODED_BYTES, PeerRecord.MAX_ENCODED_BYTES);
  }

  /** Random bytes of uniformly distributed length (jqwik's default favours short arrays). */
  @Provide
  Arbitrary<byte[]> anySize() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(PeerRecord.MAX_ENCODED_BYTES + 8)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @Property(tries = 10_000)
  @StatisticsReport(onFailureOnly = true)
  void decodeOfRandomBytesThrowsOnlyIllegalArgument(
      @ForAll("anySize") byte[] bytes, @ForAll boolean plausibleHeader) {
    if (plausibleHeader && bytes.length > 41) {
      bytes[0] = PeerRecord.VERSION; // get past the version byte, into the endpoint parser
      bytes[41] = (byte) (1 + (bytes[41] & 7));
    }
    String depth;
    try {
      PeerRecord.decode(bytes);
      depth = "accepted";
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      depth = m.contains(" bytes, not ") || m.contains("version") ? "refused early" : "parsed";
    }
    Statistics.label("depth").collect(depth);
    // Random bytes must also exercise the endpoint parser, not only the size and version checks.
    Statistics.label("depth").coverage(c -> c.check("parsed").percentage(p -> p >= 20));
  }

  @Property(tries = 10_000)
  void decodeOfMutatedRecordsThrowsOnlyIllegalArgument(
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 4095) Integer> positions,
      @ForAll @Size(min = 4, max = 4) byte[] values,
      @ForAll @IntRange(min = 0, max = 2200) int cut) {
    byte[] bytes = SAMPLE.encode();
    for (int i = 0; i < positions.size(); i++) {
      bytes[positions.get(i) % bytes.length] = values[i];
    }
    decodeExpectingOnlyIllegalArgument(bytes);
    decodeExpectingOnlyIllegalArgument(Arrays.copyOf(bytes, Math.min(cut, bytes.length)));
    decodeExpectingOnlyIllegalArgument(Arrays.copyOf(bytes, cut)); // zero-extended
  }

  @Property(tries = 200)
  void everyProperPrefixIsRefused(@ForAll("endpointLists") List<Endpoint> endpoints) {
    byte[] encoded = PeerRecord.sign(KEY, endpoints, 1).encode();
    for (int length = 0; length < encoded.length; length++) {
      assertThat(decodeExpectingOnlyIllegalArgument(Arrays.copyOf(encoded, length)))
          .as("prefix of %d bytes", length)
          .isNull();
    }
  }

  /** Decodes, allowing only IllegalArgumentException; a success must be canonical. */
  private static PeerRecord decodeExpectingOnlyIllegalArgument(byte[] bytes) {
    PeerRecord decoded;
    try {
      decoded = PeerRecord.decode(bytes);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return null;
    }
    assertThat(decoded.encode()).isEqualTo(bytes);
    return decoded;
  }
}
