package io.skein.crypto;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a node says where it can be reached: its public key, 1 to {@value #MAX_ENDPOINTS} endpoints
 * in order of preference, a sequence number and its own signature over all of that. Only the owner
 * of the key can make a valid record, so a contact learned second-hand cannot be redirected; among
 * valid records of one key the highest {@code seq} wins ({@link #supersedes}). The node id is not
 * stored: it is derived, {@code SHA-256(public key)}, so it can never disagree with the key.
 *
 * <p>{@code seq} is an unsigned 64-bit number (compare with {@link Long#compareUnsigned}); owners
 * typically use the wall-clock time in milliseconds, or a counter they persist.
 *
 * <h2>Binary layout, version 1</h2>
 *
 * Big-endian, no padding, no optional parts, so every record has exactly one encoding:
 *
 * <pre>
 * size  field
 *  1    version, 1
 * 32    owner's Ed25519 public key
 *  8    seq, unsigned
 *  1    endpoint count n, 1..8
 *       n times:
 *  1      host length h, 1..253
 *  h      host, ASCII (as in {@link Endpoint}: IPv6 literals without brackets)
 *  2      port, 1..65535
 * 64    Ed25519ctx signature, domain {@link Domain#PEER_RECORD}, over every byte before it
 * </pre>
 *
 * A record is therefore {@value #MIN_ENCODED_BYTES} to {@value #MAX_ENCODED_BYTES} bytes. {@link
 * #decode} accepts only this exact form: trailing bytes, an unknown version, a bad count, host or
 * port or a repeated endpoint are an {@link IllegalArgumentException}, and no length is trusted
 * before it has been checked against these limits and the bytes present. Decoding does not verify:
 * call {@link #verify} before trusting a record.
 */
public final class PeerRecord {
  /** Most endpoints in one record. */
  public static final int MAX_ENDPOINTS = 8;

  /** The layout version this class writes and reads. */
  public static final int VERSION = 1;

  /** Size of the smallest record: one endpoint with a one-byte host. */
  public static final int MIN_ENCODED_BYTES =
      PeerRecordCodec.HEADER_BYTES
          + PeerRecordCodec.ENDPOINT_OVERHEAD_BYTES
          + 1
          + Signer.SIGNATURE_BYTES;

  /** Size of the largest record: {@value #MAX_ENDPOINTS} endpoints with the longest hosts. */
  public static final int MAX_ENCODED_BYTES =
      PeerRecordCodec.HEADER_BYTES
          + MAX_ENDPOINTS * (PeerRecordCodec.ENDPOINT_OVERHEAD_BYTES + Endpoint.MAX_HOST_BYTES)
          + Signer.SIGNATURE_BYTES;

  private final PublicKey publicKey;
  private final List<Endpoint> endpoints;
  private final long seq;
  private final byte[] encoded;

  private PeerRecord(PublicKey publicKey, List<Endpoint> endpoints, long seq, byte[] encoded) {
    this.publicKey = publicKey;
    this.endpoints = endpoints;
    this.seq = seq;
    this.encoded = encoded;
  }

  /**
   * A record for {@code signer}'s key, signed by it.
   *
   * @throws IllegalArgumentException if {@code endpoints} is empty, has more than {@value
   *     #MAX_ENDPOINTS} entries, a null or a repeated entry
   */
  public static PeerRecord sign(Signer signer, List<Endpoint> endpoints, long seq) {
    PublicKey key = signer.publicKey();
    List<Endpoint> checked = checkEndpoints(endpoints);
    byte[] encoded = PeerRecordCodec.layout(key, checked, seq);
    int body = encoded.length - Signer.SIGNATURE_BYTES;
    signer.sign(Domain.PEER_RECORD, encoded, 0, body, encoded, body);
    return new PeerRecord(key, checked, seq, encoded);
  }

  /**
   * A record with these fields and a signature that is not checked here (see {@link #verify}).
   *
   * @throws IllegalArgumentException if the endpoints are invalid as for {@link #sign}, or the
   *     signature is not {@value Signer#SIGNATURE_BYTES} bytes
   */
  public static PeerRecord of(
      PublicKey publicKey, List<Endpoint> endpoints, long seq, byte[] signature) {
    if (publicKey == null) {
      throw new IllegalArgumentException("peer record has no public key");
    }
    if (signature == null || signature.length != Signer.SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "a signature is 64 bytes, got " + (signature == null ? "null" : signature.length));
    }
    List<Endpoint> checked = checkEndpoints(endpoints);
    byte[] encoded = PeerRecordCodec.layout(publicKey, checked, seq);
    System.arraycopy(
        signature, 0, encoded, encoded.length - Signer.SIGNATURE_BYTES, Signer.SIGNATURE_BYTES);
    return new PeerRecord(publicKey, checked, seq, encoded);
  }

  /**
   * Parses the binary layout described in the class comment. Does not verify the signature.
   *
   * @throws IllegalArgumentException naming the first problem, for anything but one exact record
   */
  public static PeerRecord decode(byte[] bytes) {
    PeerRecordCodec.Fields f = PeerRecordCodec.parse(bytes);
    PeerRecord record = of(f.publicKey(), f.endpoints(), f.seq(), f.signature());
    if (!Arrays.equals(record.encoded, bytes)) {
      // Unreachable while parse is strict; guards the "one encoding per record" promise.
      throw new IllegalArgumentException("peer record is not in canonical form");
    }
    return record;
  }

  /** Whether this record carries a valid signature of its own key over its contents. */
  public boolean verify(Verifier verifier) {
    int body = encoded.length - Signer.SIGNATURE_BYTES;
    return verifier.verify(publicKey, Domain.PEER_RECORD, encoded, 0, body, encoded, body);
  }

  /**
   * Whether this record replaces {@code other}: the same key and a higher (unsigned) seq. Both
   * should have been verified.
   */
  public boolean supersedes(PeerRecord other) {
    return publicKey.equals(other.publicKey) && Long.compareUnsigned(seq, other.seq) > 0;
  }

  /** The encoded record (a copy), as described in the class comment. */
  public byte[] encode() {
    return encoded.clone();
  }

  /** The owner's public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The owner's node id, SHA-256(public key). */
  public NodeId nodeId() {
    return publicKey.nodeId();
  }

  /** Where the owner can be reached, most preferred first (unmodifiable). */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The sequence number, unsigned 64-bit. */
  public long seq() {
    return seq;
  }

  /** The 64-byte signature (a copy). */
  public byte[] signature() {
    return Arrays.copyOfRange(encoded, encoded.length - Signer.SIGNATURE_BYTES, encoded.length);
  }

  private static List<Endpoint> checkEndpoints(List<Endpoint> endpoints) {
    if (endpoints == null || endpoints.isEmpty() || endpoints.size() > MAX_ENDPOINTS) {
      throw new IllegalArgumentException(
          "a peer record has 1.."
              + MAX_ENDPOINTS
              + " endpoints, got "
              + (endpoints == null ? "none" : endpoints.size()));
    }
    Set<Endpoint> seen = new HashSet<>();
    for (Endpoint e : endpoints) {
      if (e == null) {
        throw new IllegalArgumentException("a peer record endpoint is null");
      }
      if (!seen.add(e)) {
        throw new IllegalArgumentException("peer record lists endpoint " + e + " twice");
      }
    }
    return List.copyOf(endpoints);
  }

  /** Equal when the encodings are equal: same key, endpoints in the same order, seq, signature. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PeerRecord other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "PeerRecord("
        + nodeId().shortId()
        + " seq="
        + Long.toUnsignedString(seq)
        + " "
        + endpoints
        + ")";
  }
}
