package io.skein.node.wire;

import com.esotericsoftware.kryo.io.Input;

/**
 * The Kryo input payloads are read from: always a window of the received frame array (so it never
 * owns a buffer that could grow), with Kryo's unbounded readers disabled. A {@link WireSerializer}
 * that calls {@link Input#readString()} fails at once, and any array read longer than the bytes
 * left in the payload fails before allocating; together with {@link BoundedReads} this keeps every
 * allocation below the frame's own size.
 */
final class PayloadInput extends Input {
  private static final byte[] EMPTY = new byte[0];

  PayloadInput() {
    super(EMPTY);
  }

  /** Points this input at {@code frame[offset, offset + length)}. */
  void window(byte[] frame, int offset, int length) {
    setBuffer(frame, offset, length);
  }

  /** Drops the reference to the last frame. */
  void clear() {
    setBuffer(EMPTY);
  }

  /** Whether every byte of the window was consumed. */
  boolean exhausted() {
    return position == limit;
  }

  private void checkArray(int length, int bytesPerElement) {
    if (length < 0 || (long) length * bytesPerElement > limit - position) {
      throw new WireFormatException(
          "array of " + length + " elements exceeds the " + (limit - position) + " bytes left");
    }
  }

  @Override
  public String readString() {
    throw new WireFormatException("unbounded readString: use BoundedReads.readString");
  }

  @Override
  public StringBuilder readStringBuilder() {
    throw new WireFormatException("unbounded readStringBuilder: use BoundedReads.readString");
  }

  @Override
  public byte[] readBytes(int length) {
    checkArray(length, 1);
    return super.readBytes(length);
  }

  @Override
  public int[] readInts(int length) {
    checkArray(length, 4);
    return super.readInts(length);
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    checkArray(length, 1);
    return super.readInts(length, optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    checkArray(length, 8);
    return super.readLongs(length);
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    checkArray(length, 1);
    return super.readLongs(length, optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    checkArray(length, 4);
    return super.readFloats(length);
  }

  @Override
  public double[] readDoubles(int length) {
    checkArray(length, 8);
    return super.readDoubles(length);
  }

  @Override
  public short[] readShorts(int length) {
    checkArray(length, 2);
    return super.readShorts(length);
  }

  @Override
  public char[] readChars(int length) {
    checkArray(length, 2);
    return super.readChars(length);
  }

  @Override
  public boolean[] readBooleans(int length) {
    checkArray(length, 1);
    return super.readBooleans(length);
  }
}
