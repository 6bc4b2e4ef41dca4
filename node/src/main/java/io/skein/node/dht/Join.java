package io.skein.node.dht;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import io.skein.dht.FindNodeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A bootstrap from seed addresses whose keys are not known yet: each seed is probed with a
 * FIND_NODE for our own id, sent unaddressed; whoever answers at that address, signing the reply,
 * is the seed. Once every probe has answered or timed out, the core's bootstrap starts from the
 * seeds that answered and the contacts they returned.
 */
final class Join {
  final CompletableFuture<FindNodeResult> future;
  final List<Endpoint> seeds;
  private final Map<NodeId, Contact> found = new LinkedHashMap<>();
  private int pending;

  Join(CompletableFuture<FindNodeResult> future, List<Endpoint> seeds) {
    this.future = future;
    this.seeds = List.copyOf(seeds);
    this.pending = seeds.size();
  }

  /** The probe of one seed was answered by {@code seed}, which returned {@code closer}. */
  void answered(Contact seed, List<Contact> closer) {
    found.putIfAbsent(seed.id(), seed);
    for (Contact c : closer) {
      found.putIfAbsent(c.id(), c);
    }
    pending--;
  }

  /** The probe of one seed failed or timed out. */
  void failed() {
    pending--;
  }

  /** Whether every probe has settled. */
  boolean settled() {
    return pending <= 0;
  }

  /** The seeds that answered and the contacts they returned, seeds first. */
  List<Contact> contacts() {
    return new ArrayList<>(found.values());
  }
}
