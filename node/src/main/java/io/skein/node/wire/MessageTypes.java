package io.skein.node.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable set of message types a codec understands, looked up by wire id. Subsystems add
 * their own types (declared in their own packages, with ids from {@link WireTypeIds}) through
 * {@link Builder#add}; the node builds one set and hands it to every {@link FrameCodec}. One
 * instance may be shared by any number of codecs and threads.
 */
public final class MessageTypes {
  private final MessageType<?>[] byId;
  private final List<MessageType<?>> all;

  private MessageTypes(List<MessageType<?>> types) {
    int maxId = 0;
    for (MessageType<?> t : types) {
      maxId = Math.max(maxId, t.id());
    }
    this.byId = new MessageType<?>[maxId + 1];
    for (MessageType<?> t : types) {
      byId[t.id()] = t;
    }
    List<MessageType<?>> sorted = new ArrayList<>(types);
    sorted.sort((a, b) -> Integer.compare(a.id(), b.id()));
    this.all = Collections.unmodifiableList(sorted);
  }

  /** A builder with no types. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding the node's own types ({@link Ping}, {@link Ack}); add more to it. */
  public static Builder core() {
    return builder().add(Ping.TYPE).add(Ack.TYPE);
  }

  /** The type with this wire id, or {@code null} if none is registered. */
  public MessageType<?> byId(int id) {
    return id >= 0 && id < byId.length ? byId[id] : null;
  }

  /** Largest registered id (0 if there are none). */
  public int maxId() {
    return byId.length - 1;
  }

  /** All types, by increasing id. */
  public List<MessageType<?>> all() {
    return all;
  }

  @Override
  public String toString() {
    return "MessageTypes" + all;
  }

  /** Collects message types; rejects a second type with the same id, name or payload class. */
  public static final class Builder {
    private final List<MessageType<?>> types = new ArrayList<>();
    private final Map<Integer, MessageType<?>> ids = new HashMap<>();
    private final Map<String, MessageType<?>> names = new HashMap<>();
    private final Map<Class<?>, MessageType<?>> classes = new HashMap<>();

    private Builder() {}

    /**
     * Adds a type.
     *
     * @throws IllegalArgumentException if its id, name or payload class is already taken
     */
    public Builder add(MessageType<?> type) {
      Objects.requireNonNull(type, "type");
      reject(ids.get(type.id()), type, "id " + type.id());
      reject(names.get(type.name()), type, "name " + type.name());
      reject(classes.get(type.payloadClass()), type, "payload class " + type.payloadClass());
      ids.put(type.id(), type);
      names.put(type.name(), type);
      classes.put(type.payloadClass(), type);
      types.add(type);
      return this;
    }

    private static void reject(MessageType<?> existing, MessageType<?> type, String what) {
      if (existing != null) {
        throw new IllegalArgumentException(
            "wire type " + type + " reuses the " + what + " of " + existing);
      }
    }

    /** The immutable set. */
    public MessageTypes build() {
      return new MessageTypes(types);
    }
  }
}
