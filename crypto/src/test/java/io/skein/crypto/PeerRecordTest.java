package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing, verification, tampering, ordering and the exact layout of peer records. */
class PeerRecordTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final KeyPair ALICE =
      KeyPair.fromSeed(
          HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  private static final KeyPair BOB =
      KeyPair.fromSeed(
          HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
  private static final List<Endpoint> ENDPOINTS =
      List.of(new Endpoint("10.0.0.1", 7000), new Endpoint("::1", 7001));

  private final PeerRecord record = PeerRecord.sign(ALICE, ENDPOINTS, 42);

  @Test
  void aSignedRecordVerifiesAndCarriesItsFields() {
    assertThat(record.verify(Ed25519.VERIFIER)).isTrue();
    assertThat(record.publicKey()).isEqualTo(ALICE.publicKey());
    assertThat(record.nodeId()).isEqualTo(ALICE.nodeId()).isEqualTo(ALICE.publicKey().nodeId());
    assertThat(record.endpoints()).containsExactlyElementsOf(ENDPOINTS);
    assertThat(record.seq()).isEqualTo(42);
    assertThat(record.signature()).hasSize(Signer.SIGNATURE_BYTES);
    assertThat(record.toString()).contains(ALICE.nodeId().shortId(), "seq=42", "10.0.0.1:7000");
  }

  @Test
  void layoutIsExactlyAsDocumented() {
    PeerRecord r = PeerRecord.sign(ALICE, List.of(new Endpoint("a", 7000)), 0x0102030405060708L);
    String expectedBody =
        "01" // version
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a" // key
            + "0102030405060708" // seq
            + "01" // one endpoint
            + "01"
            + "61"
            + "1b58"; // host length 1, "a", port 7000
    byte[] encoded = r.encode();
    assertThat(HEX.formatHex(encoded, 0, encoded.length - 64)).isEqualTo(expectedBody);
    assertThat(encoded).hasSize(PeerRecord.MIN_ENCODED_BYTES);
    byte[] body = HEX.parseHex(expectedBody);
    assertThat(ALICE.sign(Domain.PEER_RECORD, body)).isEqualTo(r.signature());
  }

  @Test
  void tamperingWithTheKeyFailsVerification() {
    PeerRecord swapped = PeerRecord.of(BOB.publicKey(), ENDPOINTS, 42, record.signature());
    assertThat(swapped.verify(Ed25519.VERIFIER)).isFalse();
  }

  @Test
  void tamperingWithAnEndpointFailsVerification() {
    List<Endpoint> otherHost = List.of(new Endpoint("10.0.0.2", 7000), ENDPOINTS.get(1));
    List<Endpoint> otherPort = List.of(new Endpoint("10.0.0.1", 7002), ENDPOINTS.get(1));
    List<Endpoint> reordered = List.of(ENDPOINTS.get(1), ENDPOINTS.get(0));
    List<Endpoint> dropped = List.of(ENDPOINTS.get(0));
    List<Endpoint> added = new ArrayList<>(ENDPOINTS);
    added.add(new Endpoint("evil.example", 1));
    for (List<Endpoint> e : List.of(otherHost, otherPort, reordered, dropped, added)) {
      PeerRecord forged = PeerRecord.of(ALICE.publicKey(), e, 42, record.signature());
      assertThat(forged.verify(Ed25519.VERIFIER)).as("%s", e).isFalse();
    }
  }

  @Test
  void tamperingWithTheSeqFailsVerification() {
    for (long seq : new long[] {0, 41, 43, -1, 42L | (1L << 63)}) {
      PeerRecord forged = PeerRecord.of(ALICE.publicKey(), ENDPOINTS, seq, record.signature());
      assertThat(forged.verify(Ed25519.VERIFIER)).as("seq %d", seq).isFalse();
    }
  }

  @Test
  void tamperingWithAnySignatureByteFailsVerification() {
    for (int i = 0; i < Signer.SIGNATURE_BYTES; i++) {
      byte[] sig = record.signature();
      sig[i] ^= 0x01;
      PeerRecord forged = PeerRecord.of(ALICE.publicKey(), ENDPOINTS, 42, sig);
      assertThat(forged.verify(Ed25519.VERIFIER)).as("signature byte %d", i).isFalse();
    }
  }

  @Test
  void everyBitFlipOfTheEncodingIsRejectedOrFailsVerification() {
    byte[] encoded = record.encode();
    for (int bit = 0; bit < encoded.length * 8; bit++) {
      byte[] damaged = encoded.clone();
      damaged[bit >>> 3] ^= (byte) (1 << (bit & 7));
      PeerRecord decoded;
      try {
        decoded = PeerRecord.decode(damaged);
      } catch (IllegalArgumentException rejected) {
        continue;
      }
      assertThat(decoded.verify(Ed25519.VERIFIER)).as("bit %d", bit).isFalse();
    }
  }

  @Test
  void aRecordSignedByOneKeyButCarryingAnotherFails() {
    Signer liar =
        new Signer() {
          @Override
          public PublicKey publicKey() {
            return BOB.publicKey();
          }

          @Override
          public void sign(Domain d, byte[] m, int off, int len, byte[] out, int outOff) {
            ALICE.sign(d, m, off, len, out, outOff);
          }
        };
    PeerRecord forged = PeerRecord.sign(liar, ENDPOINTS, 42);
    assertThat(forged.publicKey()).isEqualTo(BOB.publicKey());
    assertThat(forged.verify(Ed25519.VERIFIER)).isFalse();
  }

  @Test
  void aSignatureFromAnotherDomainFails() {
    byte[] encoded = record.encode();
    int body = encoded.length - Signer.SIGNATURE_BYTES;
    ALICE.sign(Domain.FRAME, encoded, 0, body, encoded, body);
    assertThat(PeerRecord.decode(encoded).verify(Ed25519.VERIFIER)).isFalse();
    ALICE.sign(Domain.PEER_RECORD, encoded, 0, body, encoded, body);
    assertThat(PeerRecord.decode(encoded)).isEqualTo(record);
  }

  @Test
  void supersedesMeansSameKeyAndHigherUnsignedSeq() {
    PeerRecord newer = PeerRecord.sign(ALICE, ENDPOINTS, 43);
    PeerRecord huge = PeerRecord.sign(ALICE, ENDPOINTS, -1L); // 2^64 - 1
    PeerRecord bobs = PeerRecord.sign(BOB, ENDPOINTS, 1000);
    assertThat(newer.supersedes(record)).isTrue();
    assertThat(record.supersedes(newer)).isFalse();
    assertThat(record.supersedes(PeerRecord.sign(ALICE, List.of(ENDPOINTS.get(0)), 42))).isFalse();
    assertThat(huge.supersedes(newer)).isTrue();
    assertThat(newer.supersedes(huge)).isFalse();
    assertThat(bobs.supersedes(record)).isFalse();
    assertThat(huge.toString()).contains("seq=18446744073709551615");
  }

  @Test
  void endpointCountAndDuplicatesAreChecked() {
    assertThatThrownBy(() -> PeerRecord.sign(ALICE, List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a peer record has 1..8 endpoints, got 0");
    List<Endpoint> nine = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      nine.add(new Endpoint("h" + i, i));
    }
    assertThatThrownBy(() -> PeerRecord.sign(ALICE, nine, 1))
        .hasMessage("a peer record has 1..8 endpoints, got 9");
    assertThat(PeerRecord.sign(ALICE, nine.subList(0, 8), 1).endpoints()).hasSize(8);
    List<Endpoint> twice = List.of(ENDPOINTS.get(0), ENDPOINTS.get(0));
    assertThatThrownBy(() -> PeerRecord.sign(ALICE, twice, 1))
        .hasMessage("peer record lists endpoint 10.0.0.1:7000 twice");
    assertThatThrownBy(() -> PeerRecord.of(ALICE.publicKey(), ENDPOINTS, 1, new byte[63]))
        .hasMessage("a signature is 64 bytes, got 63");
  }

  @Test
  void theLargestRecordIsMaxEncodedBytes() {
    List<Endpoint> longest = new ArrayList<>();
    for (int i = 0; i < PeerRecord.MAX_ENDPOINTS; i++) {
      longest.add(new Endpoint(("h" + i).repeat(200).substring(0, Endpoint.MAX_HOST_BYTES), 65535));
    }
    PeerRecord big = PeerRecord.sign(ALICE, longest, 1);
    assertThat(big.encode()).hasSize(PeerRecord.MAX_ENCODED_BYTES);
    assertThat(PeerRecord.decode(big.encode())).isEqualTo(big);
    assertThat(PeerRecord.MAX_ENCODED_BYTES).isEqualTo(2154);
    assertThat(PeerRecord.MIN_ENCODED_BYTES).isEqualTo(110);
  }

  @Test
  void returnedArraysAndListsCannotChangeTheRecord() {
    record.encode()[0] ^= 1;
    record.signature()[0] ^= 1;
    assertThat(record.verify(Ed25519.VERIFIER)).isTrue();
    assertThatThrownBy(() -> record.endpoints().add(new Endpoint("x", 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    List<Endpoint> mutable = new ArrayList<>(ENDPOINTS);
    PeerRecord r = PeerRecord.sign(ALICE, mutable, 1);
    mutable.clear();
    assertThat(r.endpoints()).hasSize(2);
    assertThat(r.verify(Ed25519.VERIFIER)).isTrue();
  }
}
