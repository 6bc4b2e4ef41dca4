package io.skein.testnet.sim.dht;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.DhtResult;
import io.skein.dht.FindNodeResult;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.msg.DhtMessage;
import io.skein.dht.msg.FindNode;
import io.skein.dht.msg.FindValue;
import io.skein.dht.msg.Nodes;
import io.skein.dht.msg.Store;
import io.skein.dht.msg.StoreAck;
import io.skein.dht.msg.Value;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import java.util.List;

/**
 * How DHT messages and results enter the simulator's trace hash: built from their fields only (rpc
 * ids, id prefixes, seqs, counts, reason codes), never from identity hash codes, so the same seed
 * gives the same hash in every JVM.
 */
final class DhtFingerprints {
  private DhtFingerprints() {}

  /** A deterministic 64-bit fingerprint of {@code message}. */
  static long of(DhtMessage message) {
    long h = message.rpcId();
    if (message instanceof FindNode f) {
      return mix(mix(h, 1), prefix(f.target()));
    }
    if (message instanceof FindValue f) {
      return mix(mix(h, 2), prefix(f.key()));
    }
    if (message instanceof Store s) {
      return mix(mix(mix(mix(h, 3), record(s.record())), s.cas()), s.ttlMillis());
    }
    if (message instanceof Nodes n) {
      return mix(mix(h, 4), contacts(n.closer()));
    }
    if (message instanceof Value v) {
      long r = v.record() == null ? 0 : record(v.record());
      return mix(mix(mix(mix(h, 5), r), v.remainingTtlMillis()), contacts(v.closer()));
    }
    StoreAck a = (StoreAck) message;
    return mix(mix(h, 6), a.reason() == null ? 0 : a.reason().code());
  }

  /** A deterministic fingerprint of a completed operation. */
  static long of(DhtResult result) {
    long h = mix(result.operationId(), result.stats().requests());
    h = mix(h, result.stats().hops());
    if (result instanceof FindNodeResult f) {
      return mix(mix(h, 1), contacts(f.closest()));
    }
    if (result instanceof GetResult g) {
      return mix(mix(h, 2), g.record() == null ? 0 : record(g.record()));
    }
    return mix(mix(h, 3), ((PutResult) result).acked());
  }

  private static long record(Record record) {
    long h = prefix(record.key().id());
    return record instanceof MutableRecord m ? mix(h, m.seq()) : h;
  }

  private static long contacts(List<Contact> contacts) {
    long h = contacts.size();
    for (Contact c : contacts) {
      h = mix(h, prefix(c.id()));
    }
    return h;
  }

  /** The first 8 bytes of an id as a long. */
  static long prefix(NodeId id) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | id.byteAt(i);
    }
    return v;
  }

  private static long mix(long h, long v) {
    long z = (h ^ 0x9e3779b97f4a7c15L) * 31 + v;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
