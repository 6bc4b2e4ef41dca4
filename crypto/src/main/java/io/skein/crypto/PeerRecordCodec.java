package io.skein.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link PeerRecord}'s binary layout (package-private). Every length is checked
 * against its limit and the bytes left before anything is allocated from it.
 */
final class PeerRecordCodec {
  /** Version, key, seq, endpoint count. */
  static final int HEADER_BYTES = 1 + Ed25519.PUBLIC_KEY_BYTES + Long.BYTES + 1;

  /** Bytes of an endpoint besides its host: host length and port. */
  static final int ENDPOINT_OVERHEAD_BYTES = 1 + 2;

  /** The parsed fields of a record, not yet checked for duplicates or signature. */
  record Fields(PublicKey publicKey, long seq, List<Endpoint> endpoints, byte[] signature) {}

  private PeerRecordCodec() {}

  /** The encoding of the fields, with the last 64 bytes (the signature) left zero. */
  static byte[] layout(PublicKey key, List<Endpoint> endpoints, long seq) {
    byte[][] hosts = new byte[endpoints.size()][];
    int size = HEADER_BYTES + Signer.SIGNATURE_BYTES;
    for (int i = 0; i < hosts.length; i++) {
      hosts[i] = endpoints.get(i).host().getBytes(StandardCharsets.US_ASCII);
      size += ENDPOINT_OVERHEAD_BYTES + hosts[i].length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put((byte) PeerRecord.VERSION);
    out.put(key.bytes());
    out.putLong(seq);
    out.put((byte) hosts.length);
    for (int i = 0; i < hosts.length; i++) {
      out.put((byte) hosts[i].length);
      out.put(hosts[i]);
      out.putShort((short) endpoints.get(i).port());
    }
    return out.array();
  }

  /**
   * The fields of {@code bytes}.
   *
   * @throws IllegalArgumentException on anything but one complete version-1 record
   */
  static Fields parse(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("peer record is missing");
    }
    if (bytes.length < PeerRecord.MIN_ENCODED_BYTES
        || bytes.length > PeerRecord.MAX_ENCODED_BYTES) {
      throw new IllegalArgumentException(
          "peer record is "
              + bytes.length
              + " bytes, not "
              + PeerRecord.MIN_ENCODED_BYTES
              + ".."
              + PeerRecord.MAX_ENCODED_BYTES);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int version = in.get() & 0xff;
    if (version != PeerRecord.VERSION) {
      throw new IllegalArgumentException("peer record version " + version + " is not supported");
    }
    byte[] key = new byte[Ed25519.PUBLIC_KEY_BYTES];
    in.get(key);
    long seq = in.getLong();
    int count = in.get() & 0xff;
    if (count < 1 || count > PeerRecord.MAX_ENDPOINTS) {
      throw new IllegalArgumentException(
          "peer record has " + count + " endpoints, not 1.." + PeerRecord.MAX_ENDPOINTS);
    }
    List<Endpoint> endpoints = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      endpoints.add(endpoint(in, i));
    }
    if (in.remaining() != Signer.SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          in.remaining() < Signer.SIGNATURE_BYTES
              ? "peer record is truncated in its signature"
              : "peer record has " + (in.remaining() - Signer.SIGNATURE_BYTES) + " trailing bytes");
    }
    byte[] signature = new byte[Signer.SIGNATURE_BYTES];
    in.get(signature);
    return new Fields(PublicKey.of(key), seq, endpoints, signature);
  }

  private static Endpoint endpoint(ByteBuffer in, int index) {
    if (in.remaining() < ENDPOINT_OVERHEAD_BYTES + 1) {
      throw new IllegalArgumentException("peer record is truncated at endpoint " + index);
    }
    int hostLength = in.get() & 0xff;
    if (hostLength < 1 || hostLength > Endpoint.MAX_HOST_BYTES) {
      throw new IllegalArgumentException(
          "peer record endpoint "
              + index
              + " has a host of "
              + hostLength
              + " bytes, not 1.."
              + Endpoint.MAX_HOST_BYTES);
    }
    if (in.remaining() < hostLength + 2) {
      throw new IllegalArgumentException("peer record is truncated at endpoint " + index);
    }
    // Latin-1 maps each byte to one char, so decoding is one-to-one; Endpoint then accepts only
    // its ASCII host characters.
    String host = new String(in.array(), in.position(), hostLength, StandardCharsets.ISO_8859_1);
    in.position(in.position() + hostLength);
    int port = in.getShort() & 0xffff;
    try {
      return new Endpoint(host, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "peer record endpoint " + index + ": " + e.getMessage(), e);
    }
  }
}
