package io.skein.node.wire;

import com.esotericsoftware.kryo.io.Input;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The only way a {@link WireSerializer} reads a length: each helper reads a non-negative varint and
 * checks it against the caller's cap, and against the bytes left in the payload, <b>before</b>
 * allocating anything. A violation throws {@link WireFormatException}.
 *
 * <p>Wire forms (the same as {@link BoundedWrites} writes): a byte array is a varint length then
 * the bytes; a string is a byte array of strict UTF-8; a count is a varint.
 */
public final class BoundedReads {
  private BoundedReads() {}

  /**
   * Reads a byte array of at most {@code maxBytes} bytes.
   *
   * @throws WireFormatException if the length is negative, above {@code maxBytes} or beyond the end
   */
  public static byte[] readBytes(Input in, int maxBytes) {
    int length = in.readVarInt(true);
    checkLength(in, length, maxBytes, "byte array");
    return in.readBytes(length);
  }

  /**
   * Reads a string of at most {@code maxUtf8Bytes} bytes of UTF-8; malformed UTF-8 is an error, not
   * replaced, so that every accepted string has one encoding.
   *
   * @throws WireFormatException if the length is out of bounds or the bytes are not valid UTF-8
   */
  public static String readString(Input in, int maxUtf8Bytes) {
    int length = in.readVarInt(true);
    checkLength(in, length, maxUtf8Bytes, "string");
    if (length == 0) {
      return "";
    }
    byte[] utf8 = in.readBytes(length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WireFormatException("string is not valid UTF-8", e);
    }
  }

  /**
   * Reads an element count of at most {@code max}. The caller allocates for at most {@code max}
   * elements and still bounds each element's own lengths.
   *
   * @throws WireFormatException if the count is negative or above {@code max}
   */
  public static int readCount(Input in, int max) {
    int count = in.readVarInt(true);
    if (count < 0 || count > max) {
      throw new WireFormatException("count " + count + " outside 0.." + max);
    }
    return count;
  }

  private static void checkLength(Input in, int length, int max, String what) {
    if (length < 0 || length > max) {
      throw new WireFormatException(what + " length " + length + " outside 0.." + max);
    }
    if (in.getInputStream() == null && length > in.limit() - in.position()) {
      throw new WireFormatException(
          what + " length " + length + " exceeds the " + (in.limit() - in.position()) + " left");
    }
  }
}
