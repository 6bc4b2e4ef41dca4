package io.skein.node.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-only ONE_WAY message with a string, a counted list of strings and a byte array, so that
 * every {@link BoundedReads} helper is exercised through the codec, as later gossip and DHT
 * messages will be. Its id lies outside every assigned range of {@link WireTypeIds}.
 */
record Note(String text, List<String> tags, byte[] blob) {
  static final int TYPE_ID = 200;
  static final int MAX_TEXT_BYTES = 200;
  static final int MAX_TAGS = 8;
  static final int MAX_TAG_BYTES = 32;
  static final int MAX_BLOB_BYTES = 512;

  static final MessageType<Note> TYPE =
      new MessageType<>(TYPE_ID, "note", Note.class, MessageKind.ONE_WAY, new Codec());

  Note {
    tags = List.copyOf(tags);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Note n
        && n.text.equals(text)
        && n.tags.equals(tags)
        && Arrays.equals(n.blob, blob);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + tags.hashCode() * 17 + Arrays.hashCode(blob);
  }

  private static final class Codec extends WireSerializer<Note> {
    @Override
    protected void writePayload(Output out, Note value) {
      BoundedWrites.writeString(out, value.text, MAX_TEXT_BYTES);
      BoundedWrites.writeCount(out, value.tags.size(), MAX_TAGS);
      for (String tag : value.tags) {
        BoundedWrites.writeString(out, tag, MAX_TAG_BYTES);
      }
      BoundedWrites.writeBytes(out, value.blob, MAX_BLOB_BYTES);
    }

    @Override
    protected Note readPayload(Input in) {
      String text = BoundedReads.readString(in, MAX_TEXT_BYTES);
      int count = BoundedReads.readCount(in, MAX_TAGS);
      List<String> tags = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        tags.add(BoundedReads.readString(in, MAX_TAG_BYTES));
      }
      byte[] blob = BoundedReads.readBytes(in, MAX_BLOB_BYTES);
      return new Note(text, tags, blob);
    }
  }
}
