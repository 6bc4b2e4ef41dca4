package io.skein.node.wire;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One payload type on the wire: its fixed id (see {@link WireTypeIds}), a name for metrics and
 * logs, the payload class, how it relates to requests, and its hand-written serializer.
 *
 * @param id the type id carried in every frame (1..65535); append-only, never reused
 * @param name lowercase {@code [a-z0-9_]+}, used as the {@code type} metric label
 * @param payloadClass the class of the payload object (exactly; subclasses are not accepted)
 * @param kind how frames of this type are checked for replay
 * @param serializer reads and writes the payload, bounding every length it reads
 * @param <T> the payload type
 */
public record MessageType<T>(
    int id, String name, Class<T> payloadClass, MessageKind kind, WireSerializer<T> serializer) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /** Validates the fields. */
  public MessageType {
    if (id < 1 || id > FrameLayout.MAX_TYPE_ID) {
      throw new IllegalArgumentException("a wire type id is 1..65535, got " + id);
    }
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a wire type name is [a-z][a-z0-9_]*, got '" + name + "'");
    }
    Objects.requireNonNull(payloadClass, "payloadClass");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(serializer, "serializer");
  }

  @Override
  public String toString() {
    return name + "(" + id + ")";
  }
}
