package io.skein.node.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The reply to a {@link Ping}.
 *
 * @param echoedSentAtNanos the ping's {@code sentAtNanos}, so its sender can compute the round trip
 */
public record Ack(long echoedSentAtNanos) {
  /** The ack wire type. */
  public static final MessageType<Ack> TYPE =
      new MessageType<>(WireTypeIds.ACK, "ack", Ack.class, MessageKind.REPLY, new Codec());

  /** Wire form: echoedSentAtNanos as 8 bytes. */
  private static final class Codec extends WireSerializer<Ack> {
    @Override
    protected void writePayload(Output out, Ack value) {
      out.writeLong(value.echoedSentAtNanos);
    }

    @Override
    protected Ack readPayload(Input in) {
      return new Ack(in.readLong());
    }
  }
}
