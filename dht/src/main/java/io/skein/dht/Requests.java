package io.skein.dht;

import io.skein.crypto.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Outstanding requests by rpc id, with their deadlines. */
final class Requests {
  /** Why a request was sent, which decides what its reply or timeout does. */
  enum Purpose {
    LOOKUP,
    STORE,
    REPAIR,
    REPLICATE,
    PING
  }

  /** One outstanding request. */
  record Pending(long rpcId, Purpose purpose, long operationId, Contact to, long deadlineNanos) {}

  private final Map<Long, Pending> byId = new HashMap<>();
  private final PriorityQueue<Pending> byDeadline =
      new PriorityQueue<>(
          (a, b) ->
              a.deadlineNanos() != b.deadlineNanos()
                  ? Long.compare(a.deadlineNanos(), b.deadlineNanos())
                  : Long.compare(a.rpcId(), b.rpcId()));

  int size() {
    return byId.size();
  }

  boolean contains(long rpcId) {
    return byId.containsKey(rpcId);
  }

  void add(Pending p) {
    byId.put(p.rpcId(), p);
    byDeadline.add(p);
  }

  Pending get(long rpcId) {
    return byId.get(rpcId);
  }

  Pending remove(long rpcId) {
    return byId.remove(rpcId);
  }

  /** Removes and returns every request whose deadline is at or before {@code nowNanos}. */
  List<Pending> expire(long nowNanos) {
    List<Pending> out = new ArrayList<>();
    while (!byDeadline.isEmpty() && byDeadline.peek().deadlineNanos() <= nowNanos) {
      Pending p = byDeadline.poll();
      if (byId.get(p.rpcId()) == p) {
        byId.remove(p.rpcId());
        out.add(p);
      }
    }
    return out;
  }

  /** Removes and returns every request to {@code peer}. */
  List<Pending> removeAllTo(NodeId peer) {
    List<Pending> out = new ArrayList<>();
    for (Pending p : byId.values()) {
      if (p.to().id().equals(peer)) {
        out.add(p);
      }
    }
    for (Pending p : out) {
      byId.remove(p.rpcId());
    }
    out.sort((a, b) -> Long.compare(a.rpcId(), b.rpcId()));
    return out;
  }

  /** The earliest deadline; {@code Long.MAX_VALUE} if none. */
  long nextDeadlineNanos() {
    while (!byDeadline.isEmpty() && byId.get(byDeadline.peek().rpcId()) != byDeadline.peek()) {
      byDeadline.poll();
    }
    return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.peek().deadlineNanos();
  }
}
