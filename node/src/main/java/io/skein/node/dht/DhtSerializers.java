package io.skein.node.dht;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.Record;
import io.skein.dht.record.RejectReason;
import io.skein.node.wire.WireFormatException;
import io.skein.node.wire.WireSerializer;

/**
 * The hand-written serializers of the six DHT payloads (wire forms in {@link DhtWireTypes}).
 * Replies carry no rpc id: the frame's request id identifies the request they answer, so a decoded
 * reply has rpc id 0 and {@link DhtService} puts the core's id in.
 */
final class DhtSerializers {
  private DhtSerializers() {}

  /** {@link FindNodeRequest}: endpoint, target. */
  static final class FindNodeCodec extends WireSerializer<FindNodeRequest> {
    @Override
    protected void writePayload(Output out, FindNodeRequest value) {
      WireValues.writeEndpoint(out, value.senderEndpoint());
      WireValues.writeNodeId(out, value.target());
    }

    @Override
    protected FindNodeRequest readPayload(Input in) {
      return new FindNodeRequest(WireValues.readEndpoint(in), WireValues.readNodeId(in));
    }
  }

  /** {@link FindValueRequest}: endpoint, key. */
  static final class FindValueCodec extends WireSerializer<FindValueRequest> {
    @Override
    protected void writePayload(Output out, FindValueRequest value) {
      WireValues.writeEndpoint(out, value.senderEndpoint());
      WireValues.writeNodeId(out, value.key());
    }

    @Override
    protected FindValueRequest readPayload(Input in) {
      return new FindValueRequest(WireValues.readEndpoint(in), WireValues.readNodeId(in));
    }
  }

  /** {@link StoreRequest}: endpoint, record, cas (8 bytes), ttlMillis (8 bytes). */
  static final class StoreCodec extends WireSerializer<StoreRequest> {
    @Override
    protected void writePayload(Output out, StoreRequest value) {
      WireValues.writeEndpoint(out, value.senderEndpoint());
      WireValues.writeRecord(out, value.record());
      out.writeLong(value.cas());
      out.writeLong(value.ttlMillis());
    }

    @Override
    protected StoreRequest readPayload(Input in) {
      return new StoreRequest(
          WireValues.readEndpoint(in), WireValues.readRecord(in), in.readLong(), in.readLong());
    }
  }

  /** {@link Nodes}: contacts. */
  static final class NodesCodec extends WireSerializer<Nodes> {
    @Override
    protected void writePayload(Output out, Nodes value) {
      WireValues.writeContacts(out, value.closer());
    }

    @Override
    protected Nodes readPayload(Input in) {
      return new Nodes(0, WireValues.readContacts(in));
    }
  }

  /**
   * {@link Value}: presence flag (0 or 1), the record if present, remainingTtlMillis (8 bytes, >=
   * 0), contacts.
   */
  static final class ValueCodec extends WireSerializer<Value> {
    @Override
    protected void writePayload(Output out, Value value) {
      out.writeByte(value.record() == null ? 0 : 1);
      if (value.record() != null) {
        WireValues.writeRecord(out, value.record());
      }
      out.writeLong(value.remainingTtlMillis());
      WireValues.writeContacts(out, value.closer());
    }

    @Override
    protected Value readPayload(Input in) {
      Record record = WireValues.readPresent(in) ? WireValues.readRecord(in) : null;
      long remainingTtlMillis = in.readLong();
      return new Value(0, record, remainingTtlMillis, WireValues.readContacts(in));
    }
  }

  /** {@link StoreAck}: the reject reason's code as a varint, 0 when stored. */
  static final class StoreAckCodec extends WireSerializer<StoreAck> {
    @Override
    protected void writePayload(Output out, StoreAck value) {
      out.writeVarInt(value.reason() == null ? 0 : value.reason().code(), true);
    }

    @Override
    protected StoreAck readPayload(Input in) {
      int code = in.readVarInt(true);
      if (code == 0) {
        return StoreAck.stored(0);
      }
      RejectReason reason = RejectReason.fromCode(code);
      if (reason == null) {
        throw new WireFormatException("unknown store reject code " + code);
      }
      return new StoreAck(0, reason);
    }
  }
}
