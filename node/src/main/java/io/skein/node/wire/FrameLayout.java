package io.skein.node.wire;

import io.skein.crypto.Ed25519;
import io.skein.crypto.NodeId;
import io.skein.crypto.Signer;

/**
 * The byte layout of a frame, version 1. All integers are big-endian.
 *
 * <pre>
 * off   size  field
 * 0     1     version (= 1)
 * 1     4     network id (u32)
 * 5     2     message type id (u16, see {@link WireTypeIds})
 * 7     32    sender Ed25519 public key
 * 39    32    recipient NodeId (all zero = not known yet, e.g. a first ping to a seed address)
 * 71    8     timestamp, unix epoch millis
 * 79    8     request id
 * 87    4     payload length n
 * 91    n     payload (Kryo, one object, exactly n bytes)
 * 91+n  64    Ed25519ctx signature, Domain.FRAME, over bytes [0, 91+n)
 * </pre>
 */
public final class FrameLayout {
  /** The only version this codec reads and writes. */
  public static final byte VERSION = 1;

  /** Offset of the version byte. */
  public static final int VERSION_OFFSET = 0;

  /** Offset of the network id (u32). */
  public static final int NETWORK_ID_OFFSET = 1;

  /** Offset of the message type id (u16). */
  public static final int TYPE_ID_OFFSET = 5;

  /** Offset of the sender's 32-byte public key. */
  public static final int SENDER_KEY_OFFSET = 7;

  /** Offset of the recipient's 32-byte node id. */
  public static final int RECIPIENT_OFFSET = SENDER_KEY_OFFSET + Ed25519.PUBLIC_KEY_BYTES;

  /** Offset of the timestamp (unix epoch millis, i64). */
  public static final int TIMESTAMP_OFFSET = RECIPIENT_OFFSET + NodeId.BYTES;

  /** Offset of the request id (i64). */
  public static final int REQUEST_ID_OFFSET = TIMESTAMP_OFFSET + 8;

  /** Offset of the payload length (i32). */
  public static final int PAYLOAD_LENGTH_OFFSET = REQUEST_ID_OFFSET + 8;

  /** Size of everything before the payload; also the payload's offset. */
  public static final int HEADER_BYTES = PAYLOAD_LENGTH_OFFSET + 4;

  /** Size of the trailing signature. */
  public static final int SIGNATURE_BYTES = Signer.SIGNATURE_BYTES;

  /** Smallest possible frame: a header, an empty payload and a signature. */
  public static final int MIN_FRAME_BYTES = HEADER_BYTES + SIGNATURE_BYTES;

  /** Largest type id a frame can carry. */
  public static final int MAX_TYPE_ID = 0xffff;

  private FrameLayout() {}

  static int getU16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static int getInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24
        | (b[off + 1] & 0xff) << 16
        | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }

  static long getLong(byte[] b, int off) {
    return (long) getInt(b, off) << 32 | (getInt(b, off + 4) & 0xffffffffL);
  }

  static void putU16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static void putLong(byte[] b, int off, long v) {
    putInt(b, off, (int) (v >>> 32));
    putInt(b, off + 4, (int) v);
  }
}
