package io.skein.node.dht;

import io.skein.crypto.Endpoint;
import io.skein.dht.Contact;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DHT requests this node has on the wire, by frame request id: which core rpc each one is (or
 * which seed probe), to whom it went, and until when an answer is awaited. Every entry has the same
 * timeout, so insertion order is deadline order. Bounded by the codec's outstanding-request limit:
 * a request the codec cannot register is never sent, and entries leave at their deadline.
 */
final class SentRequests {
  /**
   * One request on the wire.
   *
   * @param frameId the frame's request id, which the reply carries
   * @param rpcId the core's rpc id (0 for a seed probe)
   * @param to the contact asked, or {@code null} for a seed probe (its key is not known yet)
   * @param endpoint where it was sent
   * @param join the bootstrap this probe belongs to, or {@code null} for a core request
   * @param deadlineNanos core time after which no answer is expected
   */
  record Sent(
      long frameId, long rpcId, Contact to, Endpoint endpoint, Join join, long deadlineNanos) {
    boolean isProbe() {
      return join != null;
    }
  }

  private final LinkedHashMap<Long, Sent> byFrameId = new LinkedHashMap<>();

  void add(Sent sent) {
    byFrameId.put(sent.frameId(), sent);
  }

  /** Removes and returns the request a reply with {@code frameId} answers, or {@code null}. */
  Sent remove(long frameId) {
    return byFrameId.remove(frameId);
  }

  /** Removes and returns the requests whose deadline is at or before {@code nowNanos}. */
  List<Sent> expire(long nowNanos) {
    List<Sent> expired = new ArrayList<>();
    Iterator<Map.Entry<Long, Sent>> it = byFrameId.entrySet().iterator();
    while (it.hasNext()) {
      Sent s = it.next().getValue();
      if (s.deadlineNanos() > nowNanos) {
        break;
      }
      it.remove();
      expired.add(s);
    }
    return expired;
  }

  /** Removes and returns every request. */
  List<Sent> clear() {
    List<Sent> all = new ArrayList<>(byFrameId.values());
    byFrameId.clear();
    return all;
  }

  /** The earliest deadline, {@code Long.MAX_VALUE} if none. */
  long nextDeadlineNanos() {
    return byFrameId.isEmpty()
        ? Long.MAX_VALUE
        : byFrameId.values().iterator().next().deadlineNanos();
  }

  int size() {
    return byFrameId.size();
  }
}
