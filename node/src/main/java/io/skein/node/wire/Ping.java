package io.skein.node.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.Objects;

/**
 * A liveness probe, answered by an {@link Ack} echoing {@code sentAtNanos}.
 *
 * @param sentAtNanos the sender's monotonic clock when it sent the ping (only the sender reads it)
 * @param padding up to {@link #MAX_PADDING_BYTES} opaque bytes, to probe with larger frames or to
 *     benchmark a given payload size; never null (use an empty array)
 */
public record Ping(long sentAtNanos, byte[] padding) {
  /** Largest padding, in bytes. */
  public static final int MAX_PADDING_BYTES = 1024;

  /** The ping wire type. */
  public static final MessageType<Ping> TYPE =
      new MessageType<>(WireTypeIds.PING, "ping", Ping.class, MessageKind.REQUEST, new Codec());

  private static final byte[] NO_PADDING = new byte[0];

  /** Validates the padding size. The array is not copied: do not modify it afterwards. */
  public Ping {
    Objects.requireNonNull(padding, "padding");
    if (padding.length > MAX_PADDING_BYTES) {
      throw new IllegalArgumentException(
          "ping padding is at most " + MAX_PADDING_BYTES + " bytes, got " + padding.length);
    }
  }

  /** A ping without padding. */
  public Ping(long sentAtNanos) {
    this(sentAtNanos, NO_PADDING);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ping p && p.sentAtNanos == sentAtNanos && Arrays.equals(p.padding, padding);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sentAtNanos) * 31 + Arrays.hashCode(padding);
  }

  @Override
  public String toString() {
    return "Ping[sentAtNanos=" + sentAtNanos + ", padding=" + padding.length + " bytes]";
  }

  /** Wire form: sentAtNanos as 8 bytes, then the padding as a bounded byte array. */
  private static final class Codec extends WireSerializer<Ping> {
    @Override
    protected void writePayload(Output out, Ping value) {
      out.writeLong(value.sentAtNanos);
      BoundedWrites.writeBytes(out, value.padding, MAX_PADDING_BYTES);
    }

    @Override
    protected Ping readPayload(Input in) {
      long sentAtNanos = in.readLong();
      byte[] padding = BoundedReads.readBytes(in, MAX_PADDING_BYTES);
      return new Ping(sentAtNanos, padding);
    }
  }
}
