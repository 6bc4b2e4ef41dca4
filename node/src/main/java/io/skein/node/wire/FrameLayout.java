package io.skein.node.wire;

import io.skein.crypto.Ed25519;
import io.skein.crypto.NodeId;
import io.skein.crypto.Signer;

/**
 * The byte layout of a frame, version 2. All integers are big-endian.
 *
 * <pre>
 * off   size  field
 * 0     1     version (= 2)
 * 1     4     network id (u32)
 * 5     2     message type id (u16, see {@link WireTypeIds})
 * 7     32    sender Ed25519 public key
 * 39    8     recipient: the first 8 bytes of its NodeId (all zero = not known yet, e.g. a first
 *             ping to a seed address)
 * 47    6     timestamp, unix epoch millis (u48)
 * 53    8     request id
 * 61    4     payload length n
 * 65    n     payload (Kryo, one object, exactly n bytes)
 * 65+n  64    Ed25519ctx signature, Domain.FRAME, over bytes [0, 65+n)
 * </pre>
 *
 * <p>Version 1 (91-byte header) carried the whole 32-byte recipient id and an 8-byte timestamp.
 * Version 2 saves 26 bytes on every frame (a SWIM probe is two frames a second per member):
 *
 * <ul>
 *   <li>The recipient only binds a frame to the node it was meant for, so that a signed frame
 *       cannot be replayed to (or redirected at) another node. With a 64-bit prefix another node
 *       accepts it only if its id shares those 64 bits: among honest ids, which are SHA-256
 *       outputs, the chance that any two of 100,000 nodes do is below 10^-9 (n^2 / 2^65); an
 *       attacker who wants an id matching a given node's prefix must grind about 2^64 key pairs
 *       (decades at 10^10 a second), and would gain only the ability to present that node with
 *       frames honest senders addressed to the attacker, which the attacker could as well relay
 *       under its own signature. The signature, the replay guard (per-sender request ids and the
 *       timestamp window) and the network id are unchanged.
 *   <li>48 bits of milliseconds last until the year 10889; the skew check is unchanged.
 * </ul>
 */
public final class FrameLayout {
  /** The only version this codec reads and writes. */
  public static final byte VERSION = 2;

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

  /** Bytes of the recipient: a prefix of its {@link NodeId} (see the class comment). */
  public static final int RECIPIENT_BYTES = 8;

  /** Offset of the timestamp (unix epoch millis, u48). */
  public static final int TIMESTAMP_OFFSET = RECIPIENT_OFFSET + RECIPIENT_BYTES;

  /** Bytes of the timestamp. */
  public static final int TIMESTAMP_BYTES = 6;

  /** Largest timestamp a frame can carry (2^48 - 1 millis, in the year 10889). */
  public static final long MAX_TIMESTAMP_MILLIS = (1L << 48) - 1;

  /** Offset of the request id (i64). */
  public static final int REQUEST_ID_OFFSET = TIMESTAMP_OFFSET + TIMESTAMP_BYTES;

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

  static long getU48(byte[] b, int off) {
    return (long) getU16(b, off) << 32 | (getInt(b, off + 2) & 0xffffffffL);
  }

  static void putU48(byte[] b, int off, long v) {
    putU16(b, off, (int) (v >>> 32));
    putInt(b, off + 2, (int) v);
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
