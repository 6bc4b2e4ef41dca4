package io.skein.node.wire;

import io.skein.crypto.Ed25519;
import io.skein.crypto.NodeId;
import io.skein.crypto.Signer;

/**
 * The byte layout of a frame, version 3. All integers are big-endian.
 *
 * <pre>
 * off   size  field
 * 0     1     version (= 3)
 * 1     1     flags: bit 0 {@link #FLAG_SHORT_SENDER}, bit 1 {@link #FLAG_KNOWS_RECIPIENT}; the
 *             other bits are zero
 * 2     4     network id (u32)
 * 6     2     message type id (u16, see {@link WireTypeIds})
 * 8     s     sender: its Ed25519 public key (s = 32), or with FLAG_SHORT_SENDER the first 8 bytes
 *             of its NodeId (s = 8), which the receiver resolves to a key it already holds
 * 8+s   8     recipient: the first 8 bytes of its NodeId (all zero = not known yet, e.g. a first
 *             ping to a seed address)
 * 16+s  6     timestamp, unix epoch millis (u48)
 * 22+s  8     request id
 * 30+s  n     payload (Kryo, one object, exactly n bytes: the rest of the frame before the
 *             signature)
 * 30+s+n 64   Ed25519ctx signature, Domain.FRAME, over bytes [0, 30+s+n)
 * </pre>
 *
 * <p>Version 1 (91-byte header) carried the whole 32-byte recipient id and an 8-byte timestamp;
 * version 2 (65 bytes) an 8-byte recipient prefix, a 6-byte timestamp and a payload length. Version
 * 3 drops the payload length (the transport delivers whole frames, so it only repeated the frame's
 * size) and sends a sender's 32-byte key only until the recipient has it: 62 bytes of header with
 * the key, 38 with the short id. A SWIM probe is two frames a second per member, so the 27 bytes
 * saved per frame are what brings Skein's steady-state traffic under Serf's.
 *
 * <p><b>The recipient prefix</b> only binds a frame to the node it was meant for, so that a signed
 * frame cannot be replayed to (or redirected at) another node. With a 64-bit prefix another node
 * accepts it only if its id shares those 64 bits: among honest ids, which are SHA-256 outputs, the
 * chance that any two of 100,000 nodes do is below 10^-9 (n^2 / 2^65); an attacker who wants an id
 * matching a given node's prefix must grind about 2^64 key pairs (decades at 10^10 a second), and
 * would gain only the ability to present that node with frames honest senders addressed to the
 * attacker, which the attacker could as well relay under its own signature. 48 bits of milliseconds
 * last until the year 10889.
 *
 * <p><b>The short sender id</b> is the same 64-bit NodeId prefix. A receiver resolves it against
 * the keys it holds (of senders whose full-key frames it verified, and of the gossip members, see
 * {@link FrameCodec#learnKey}); the signature is then checked against that key as before, so a
 * short id gives a forger nothing: a frame verifies only under the key its id resolves to, and
 * making another key resolve to an honest node's id means grinding 2^64 key pairs as above. A
 * sender uses the short id towards a peer only after a verified frame from that peer set {@link
 * #FLAG_KNOWS_RECIPIENT} (the peer holds our key); every frame from the peer updates that, so a
 * peer that restarted, or evicted our key, gets full keys again from the first frame it sends
 * without the flag. A short frame whose id the receiver cannot resolve is dropped as {@link
 * DropReason#UNKNOWN_SENDER}: mostly frames that peers queued for a node while it was down (the
 * transport keeps them up to its connect timeout), which reach its next life before its join has
 * brought it the members' keys (20-50 per restart in a 20-node cluster, all within its first 500
 * ms); they were meant for the previous life, which the restarted node supersedes with a fresh
 * incarnation anyway.
 */
public final class FrameLayout {
  /** The only version this codec reads and writes. */
  public static final byte VERSION = 3;

  /** Offset of the version byte. */
  public static final int VERSION_OFFSET = 0;

  /** Offset of the flags byte. */
  public static final int FLAGS_OFFSET = 1;

  /** Flag: the sender field is the 8-byte short id, not the 32-byte key. */
  public static final int FLAG_SHORT_SENDER = 0x01;

  /** Flag: the sender holds the recipient's key, so the recipient may send it short frames. */
  public static final int FLAG_KNOWS_RECIPIENT = 0x02;

  /** The flag bits a frame may set; a frame with any other bit set is dropped. */
  public static final int KNOWN_FLAGS = FLAG_SHORT_SENDER | FLAG_KNOWS_RECIPIENT;

  /** Offset of the network id (u32). */
  public static final int NETWORK_ID_OFFSET = 2;

  /** Offset of the message type id (u16). */
  public static final int TYPE_ID_OFFSET = 6;

  /** Offset of the sender field: a key or a short id. */
  public static final int SENDER_OFFSET = 8;

  /** Bytes of a full sender field: the Ed25519 public key. */
  public static final int SENDER_KEY_BYTES = Ed25519.PUBLIC_KEY_BYTES;

  /** Bytes of a short sender field: a prefix of the sender's {@link NodeId}. */
  public static final int SENDER_ID_BYTES = 8;

  /** Bytes of the recipient: a prefix of its {@link NodeId} (see the class comment). */
  public static final int RECIPIENT_BYTES = 8;

  /** Bytes of the timestamp. */
  public static final int TIMESTAMP_BYTES = 6;

  /** Largest timestamp a frame can carry (2^48 - 1 millis, in the year 10889). */
  public static final long MAX_TIMESTAMP_MILLIS = (1L << 48) - 1;

  /** Bytes of the request id. */
  public static final int REQUEST_ID_BYTES = 8;

  /** Header bytes after the sender field: recipient, timestamp, request id. */
  private static final int TAIL_BYTES = RECIPIENT_BYTES + TIMESTAMP_BYTES + REQUEST_ID_BYTES;

  /** Size of the header of a frame carrying the sender's key: 62. */
  public static final int FULL_HEADER_BYTES = SENDER_OFFSET + SENDER_KEY_BYTES + TAIL_BYTES;

  /** Size of the header of a frame carrying the sender's short id: 38. */
  public static final int SHORT_HEADER_BYTES = SENDER_OFFSET + SENDER_ID_BYTES + TAIL_BYTES;

  /** Size of the trailing signature. */
  public static final int SIGNATURE_BYTES = Signer.SIGNATURE_BYTES;

  /** Smallest possible frame: a short header, an empty payload and a signature. */
  public static final int MIN_FRAME_BYTES = SHORT_HEADER_BYTES + SIGNATURE_BYTES;

  /** Smallest frame carrying the sender's key: a full header, an empty payload and a signature. */
  public static final int MIN_FULL_FRAME_BYTES = FULL_HEADER_BYTES + SIGNATURE_BYTES;

  /** Largest type id a frame can carry. */
  public static final int MAX_TYPE_ID = 0xffff;

  private FrameLayout() {}

  /** Bytes of the sender field with these flags. */
  public static int senderBytes(int flags) {
    return (flags & FLAG_SHORT_SENDER) != 0 ? SENDER_ID_BYTES : SENDER_KEY_BYTES;
  }

  /** Offset of the recipient prefix with these flags. */
  public static int recipientOffset(int flags) {
    return SENDER_OFFSET + senderBytes(flags);
  }

  /** Offset of the timestamp (u48) with these flags. */
  public static int timestampOffset(int flags) {
    return recipientOffset(flags) + RECIPIENT_BYTES;
  }

  /** Offset of the request id (i64) with these flags. */
  public static int requestIdOffset(int flags) {
    return timestampOffset(flags) + TIMESTAMP_BYTES;
  }

  /** Size of the header with these flags; also the payload's offset. */
  public static int headerBytes(int flags) {
    return requestIdOffset(flags) + REQUEST_ID_BYTES;
  }

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
