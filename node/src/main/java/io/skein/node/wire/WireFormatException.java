package io.skein.node.wire;

import com.esotericsoftware.kryo.KryoException;

/**
 * A payload is malformed: a length above its cap or beyond the payload's end, a negative length,
 * invalid UTF-8, or a read a payload serializer must not make. The codec drops the frame.
 */
public final class WireFormatException extends KryoException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public WireFormatException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
