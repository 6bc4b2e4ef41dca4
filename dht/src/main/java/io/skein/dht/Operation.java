package io.skein.dht;

import io.skein.dht.lookup.Get;
import io.skein.dht.lookup.Lookup;
import io.skein.dht.lookup.Put;

/** A running find-node, get or put, user-started or internal (refresh, republish). */
final class Operation {
  enum Kind {
    FIND_NODE,
    GET,
    PUT
  }

  final long id;
  final Kind kind;
  final boolean internal;
  final boolean bootstrap;
  final long startedNanos;
  final Lookup lookup;
  final Get get;
  final Put put;

  /** A get whose result is out while it waits for its last answers, to repair stale replicas. */
  boolean answered;

  private Operation(
      long id,
      Kind kind,
      boolean internal,
      boolean bootstrap,
      long startedNanos,
      Lookup lookup,
      Get get,
      Put put) {
    this.id = id;
    this.kind = kind;
    this.internal = internal;
    this.bootstrap = bootstrap;
    this.startedNanos = startedNanos;
    this.lookup = lookup;
    this.get = get;
    this.put = put;
  }

  static Operation findNode(long id, boolean internal, boolean bootstrap, long now, Lookup lookup) {
    return new Operation(id, Kind.FIND_NODE, internal, bootstrap, now, lookup, null, null);
  }

  static Operation get(long id, long now, Get get) {
    return new Operation(id, Kind.GET, false, false, now, get.lookup(), get, null);
  }

  static Operation put(long id, boolean internal, long now, Put put) {
    return new Operation(id, Kind.PUT, internal, false, now, put.lookup(), null, put);
  }

  LookupStats stats(long nowNanos) {
    return new LookupStats(
        lookup.hops(),
        lookup.requests(),
        lookup.responses(),
        lookup.failures(),
        nowNanos - startedNanos);
  }
}
