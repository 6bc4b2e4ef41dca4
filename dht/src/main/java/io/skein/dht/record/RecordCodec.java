package io.skein.dht.record;

import io.skein.crypto.Ed25519;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.dht.DhtLimits;

/**
 * Byte encoding of records, for wire serializers and persistent stores. Every length is bounded
 * before anything is allocated, and decoding any bytes either returns a record or throws {@link
 * RecordFormatException}, never anything else. Big-endian throughout.
 *
 * <pre>
 * immutable: 0x01, u32 valueLength, value
 * mutable:   0x02, publicKey[32], u8 saltLength, salt, i64 seq (>= 0), u32 valueLength, value,
 *            signature[64]
 * stored:    i64 expiresAtMillis, then a record as above
 * </pre>
 *
 * Salts up to 255 bytes decode (the validator then answers {@code SALT_TOO_LARGE} above 64); values
 * decode up to the given bound, by default {@link DhtLimits#MAX_VALUE_BYTES}. Tags are append-only.
 */
public final class RecordCodec {
  /** Tag of an immutable record. */
  public static final byte IMMUTABLE = 1;

  /** Tag of a mutable record. */
  public static final byte MUTABLE = 2;

  /** Longest salt the encoding can carry. */
  public static final int MAX_ENCODED_SALT_BYTES = 255;

  private RecordCodec() {}

  /** Encoded size of {@code record}. */
  public static int encodedLength(Record record) {
    if (record instanceof MutableRecord m) {
      return 1
          + Ed25519.PUBLIC_KEY_BYTES
          + 1
          + m.saltLength()
          + 8
          + 4
          + m.valueLength()
          + Signer.SIGNATURE_BYTES;
    }
    return 1 + 4 + record.valueLength();
  }

  /**
   * Encodes {@code record}.
   *
   * @throws IllegalArgumentException if its salt is longer than {@link #MAX_ENCODED_SALT_BYTES}
   */
  public static byte[] encode(Record record) {
    byte[] out = new byte[encodedLength(record)];
    encodeTo(record, out, 0);
    return out;
  }

  /** Encodes {@code record} into {@code out} at {@code offset}; returns the offset after it. */
  public static int encodeTo(Record record, byte[] out, int offset) {
    int at = offset;
    if (record instanceof MutableRecord m) {
      if (m.saltLength() > MAX_ENCODED_SALT_BYTES) {
        throw new IllegalArgumentException("salt longer than " + MAX_ENCODED_SALT_BYTES);
      }
      out[at++] = MUTABLE;
      m.publicKey().copyTo(out, at);
      at += Ed25519.PUBLIC_KEY_BYTES;
      out[at++] = (byte) m.saltLength();
      at = copy(m.saltRef(), out, at);
      at = putLong(out, at, m.seq());
      at = putInt(out, at, m.valueLength());
      at = copy(m.valueRef(), out, at);
      return copy(m.signatureRef(), out, at);
    }
    ImmutableRecord i = (ImmutableRecord) record;
    out[at++] = IMMUTABLE;
    at = putInt(out, at, i.valueLength());
    return copy(i.valueRef(), out, at);
  }

  /** Decodes a whole array holding one record with values up to the default bound. */
  public static Record decode(byte[] data) {
    return decode(data, 0, data.length, DhtLimits.MAX_VALUE_BYTES);
  }

  /**
   * Decodes the record that exactly fills {@code data[offset, offset + length)}, accepting values
   * up to {@code maxValueBytes}.
   *
   * @throws RecordFormatException if the bytes are not exactly one well-formed record
   */
  public static Record decode(byte[] data, int offset, int length, int maxValueBytes) {
    Reader r = new Reader(data, offset, length);
    Record record = read(r, maxValueBytes);
    r.expectEnd();
    return record;
  }

  /** Encodes a stored record: its expiry, then the record. */
  public static byte[] encodeStored(StoredRecord stored) {
    byte[] out = new byte[8 + encodedLength(stored.record())];
    int at = putLong(out, 0, stored.expiresAtMillis());
    encodeTo(stored.record(), out, at);
    return out;
  }

  /**
   * Decodes what {@link #encodeStored} wrote.
   *
   * @throws RecordFormatException if the bytes are not a well-formed stored record
   */
  public static StoredRecord decodeStored(byte[] data, int maxValueBytes) {
    Reader r = new Reader(data, 0, data.length);
    long expiresAt = r.readLong();
    Record record = read(r, maxValueBytes);
    r.expectEnd();
    return new StoredRecord(record, expiresAt);
  }

  private static Record read(Reader r, int maxValueBytes) {
    int tag = r.readByte();
    if (tag == IMMUTABLE) {
      return ImmutableRecord.of(r.readBytes(r.readLength(maxValueBytes)));
    }
    if (tag != MUTABLE) {
      throw new RecordFormatException("unknown record tag " + tag);
    }
    PublicKey key = PublicKey.of(r.readBytes(Ed25519.PUBLIC_KEY_BYTES));
    byte[] salt = r.readBytes(r.readByte());
    long seq = r.readLong();
    if (seq < 0) {
      throw new RecordFormatException("negative seq " + seq);
    }
    byte[] value = r.readBytes(r.readLength(maxValueBytes));
    byte[] signature = r.readBytes(Signer.SIGNATURE_BYTES);
    return MutableRecord.of(key, salt, seq, value, signature);
  }

  private static int copy(byte[] src, byte[] out, int at) {
    System.arraycopy(src, 0, out, at, src.length);
    return at + src.length;
  }

  private static int putInt(byte[] out, int at, int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
    return at + 4;
  }

  private static int putLong(byte[] out, int at, long v) {
    putInt(out, at, (int) (v >>> 32));
    return putInt(out, at + 4, (int) v);
  }

  /** Bounds-checked reading; every failure is a {@link RecordFormatException}. */
  private static final class Reader {
    private final byte[] data;
    private final int end;
    private int at;

    Reader(byte[] data, int offset, int length) {
      if (data == null
          || offset < 0
          || length < 0
          || offset > data.length
          || length > data.length - offset) {
        throw new RecordFormatException("bad buffer bounds");
      }
      this.data = data;
      this.at = offset;
      this.end = offset + length;
    }

    private void need(int n) {
      if (n > end - at) {
        throw new RecordFormatException("truncated record: need " + n + " more bytes");
      }
    }

    int readByte() {
      need(1);
      return data[at++] & 0xff;
    }

    int readInt() {
      need(4);
      int v =
          (data[at] & 0xff) << 24
              | (data[at + 1] & 0xff) << 16
              | (data[at + 2] & 0xff) << 8
              | (data[at + 3] & 0xff);
      at += 4;
      return v;
    }

    long readLong() {
      long hi = readInt() & 0xffffffffL;
      long lo = readInt() & 0xffffffffL;
      return hi << 32 | lo;
    }

    int readLength(int max) {
      int n = readInt();
      if (n < 0 || n > max) {
        throw new RecordFormatException("value length " + (n & 0xffffffffL) + " above " + max);
      }
      return n;
    }

    byte[] readBytes(int n) {
      need(n);
      byte[] out = new byte[n];
      System.arraycopy(data, at, out, 0, n);
      at += n;
      return out;
    }

    void expectEnd() {
      if (at != end) {
        throw new RecordFormatException((end - at) + " trailing bytes after the record");
      }
    }
  }
}
