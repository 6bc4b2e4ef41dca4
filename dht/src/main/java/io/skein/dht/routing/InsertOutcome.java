package io.skein.dht.routing;

/** What the routing table did with a contact that answered us or is a live member. */
public enum InsertOutcome {
  /** The contact entered its bucket. */
  ADDED,
  /** The contact was in its bucket already; it is now the most recently seen. */
  UPDATED,
  /** Its bucket is full: the contact waits in the bucket's replacement cache. */
  CACHED,
  /** The contact is this node itself and never enters the table. */
  IGNORED
}
