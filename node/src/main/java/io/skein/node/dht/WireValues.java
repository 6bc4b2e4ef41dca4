package io.skein.node.dht;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.dht.Contact;
import io.skein.dht.DhtLimits;
import io.skein.dht.record.Record;
import io.skein.dht.record.RecordCodec;
import io.skein.node.wire.BoundedReads;
import io.skein.node.wire.BoundedWrites;
import io.skein.node.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire forms of the values DHT messages carry, each read with every length bounded before anything
 * is allocated. Fixed-size fields (ids, keys) are raw bytes; everything else goes through {@link
 * BoundedReads} with the limits below.
 *
 * <pre>
 * node id:   32 bytes
 * endpoint:  host as a string of at most MAX_HOST_BYTES, port as a varint (1..65535)
 * contact:   public key (32 bytes), endpoint; the id is recomputed as SHA-256(key)
 * contacts:  count varint (at most MAX_CONTACTS), contacts
 * record:    byte array of at most MAX_RECORD_BYTES holding RecordCodec's encoding
 * </pre>
 */
final class WireValues {
  /** Longest host of an endpoint: {@link Endpoint#MAX_HOST_BYTES} (253, the DNS limit). */
  static final int MAX_HOST_BYTES = Endpoint.MAX_HOST_BYTES;

  /** Most contacts in a reply: {@link DhtLimits#MAX_CONTACTS_PER_REPLY} (32). */
  static final int MAX_CONTACTS = DhtLimits.MAX_CONTACTS_PER_REPLY;

  /**
   * Longest encoded record: a mutable record with the longest encodable salt and the largest value
   * (tag, key, salt length, salt, seq, value length, value, signature) = 65,901 bytes.
   */
  static final int MAX_RECORD_BYTES =
      1
          + Ed25519.PUBLIC_KEY_BYTES
          + 1
          + RecordCodec.MAX_ENCODED_SALT_BYTES
          + 8
          + 4
          + DhtLimits.MAX_VALUE_BYTES
          + Signer.SIGNATURE_BYTES;

  private WireValues() {}

  static void writeNodeId(Output out, NodeId id) {
    out.writeBytes(id.bytes());
  }

  static NodeId readNodeId(Input in) {
    return NodeId.of(in.readBytes(NodeId.BYTES));
  }

  static void writeEndpoint(Output out, Endpoint endpoint) {
    BoundedWrites.writeString(out, endpoint.host(), MAX_HOST_BYTES);
    out.writeVarInt(endpoint.port(), true);
  }

  /** Reads an endpoint; a bad host or port throws (the codec drops the frame as undecodable). */
  static Endpoint readEndpoint(Input in) {
    String host = BoundedReads.readString(in, MAX_HOST_BYTES);
    int port = in.readVarInt(true);
    return new Endpoint(host, port);
  }

  static void writeContacts(Output out, List<Contact> contacts) {
    BoundedWrites.writeCount(out, contacts.size(), MAX_CONTACTS);
    for (Contact c : contacts) {
      out.writeBytes(c.publicKey().bytes());
      writeEndpoint(out, c.endpoint());
    }
  }

  static List<Contact> readContacts(Input in) {
    int count = BoundedReads.readCount(in, MAX_CONTACTS);
    List<Contact> contacts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PublicKey key = PublicKey.of(in.readBytes(Ed25519.PUBLIC_KEY_BYTES));
      contacts.add(Contact.of(key, readEndpoint(in)));
    }
    return contacts;
  }

  static void writeRecord(Output out, Record record) {
    BoundedWrites.writeBytes(out, RecordCodec.encode(record), MAX_RECORD_BYTES);
  }

  /**
   * Reads a record; malformed bytes throw. The record is not validated here (signature, key): the
   * DHT core validates every record before it stores or believes it.
   */
  static Record readRecord(Input in) {
    byte[] encoded = BoundedReads.readBytes(in, MAX_RECORD_BYTES);
    return RecordCodec.decode(encoded, 0, encoded.length, DhtLimits.MAX_VALUE_BYTES);
  }

  /** Reads a presence flag: 0 absent, 1 present, anything else is malformed. */
  static boolean readPresent(Input in) {
    int flag = in.readByte();
    if (flag != 0 && flag != 1) {
      throw new WireFormatException("presence flag " + flag + " is neither 0 nor 1");
    }
    return flag == 1;
  }
}
