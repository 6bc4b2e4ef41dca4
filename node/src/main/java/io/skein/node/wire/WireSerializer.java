package io.skein.node.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * A hand-written Kryo serializer for one wire payload type. Every {@link MessageType} needs one:
 * Kryo's default serializers read lengths from the input and allocate whatever they say (measured:
 * a 109-byte input declaring a 2^31-byte array throws OutOfMemoryError), so none of them is ever
 * given network bytes.
 *
 * <p>Rules for implementations: read every length, count and string through {@link BoundedReads}
 * (and write them through {@link BoundedWrites}), never through {@link Input#readString()}, {@link
 * Kryo#readObject} or {@link Kryo#readClassAndObject}; read nested values by calling their own read
 * methods directly; validate values in the payload's constructor; keep no state (one instance is
 * shared by every codec in the JVM, across threads). A read may throw anything on bad input: the
 * codec turns it into a dropped frame.
 *
 * @param <T> the payload type
 */
public abstract class WireSerializer<T> extends Serializer<T> {
  /** A serializer for values that are never null and immutable. */
  protected WireSerializer() {
    super(false, true);
  }

  /** Writes {@code value}'s fields to {@code out}. */
  protected abstract void writePayload(Output out, T value);

  /** Reads one value from {@code in}, checking every length before allocating. */
  protected abstract T readPayload(Input in);

  @Override
  public final void write(Kryo kryo, Output output, T object) {
    writePayload(output, object);
  }

  @Override
  public final T read(Kryo kryo, Input input, Class<? extends T> type) {
    return readPayload(input);
  }
}
