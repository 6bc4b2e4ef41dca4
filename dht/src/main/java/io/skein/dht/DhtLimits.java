package io.skein.dht;

/**
 * Hard limits of the DHT, in one place. Configuration may lower these but never raise them; wire
 * serializers bound every length by them, so hostile input cannot allocate more.
 */
public final class DhtLimits {
  private DhtLimits() {}

  /** Largest bucket size k a configuration may choose (Kademlia and libp2p use 20). */
  public static final int MAX_K = 32;

  /** Most contacts in one {@code Nodes} or {@code Value} reply: one full bucket, {@link #MAX_K}. */
  public static final int MAX_CONTACTS_PER_REPLY = MAX_K;

  /** Longest salt of a mutable record, in bytes (BEP 44: 64). */
  public static final int MAX_SALT_BYTES = 64;

  /**
   * Largest record value in bytes, and the default of {@code DhtConfig.maxValueBytes}: 64 KiB. BEP
   * 44 allows 1,000 bytes of bencoded value over UDP; Skein's transport carries larger frames.
   */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  /** Default cap on records one node stores for others: 16,384 (at most 1 GiB of values). */
  public static final int DEFAULT_MAX_RECORDS_PER_NODE = 16_384;

  /** Default cap on the value bytes one node stores for others: 256 MiB. */
  public static final long DEFAULT_MAX_STORED_BYTES = 256L * 1024 * 1024;

  /**
   * Default inbound requests per peer per second before further requests from that peer are
   * dropped: 100. A lookup asks one peer once; the bound leaves room for replication sweeps, which
   * pace themselves below it.
   */
  public static final int DEFAULT_REQUESTS_PER_PEER_PER_SECOND = 100;

  /** Peers whose request rate is tracked at once; the least recently active are forgotten. */
  public static final int MAX_RATE_LIMITED_PEERS = 4_096;

  /** Longest time-to-live a STORE may ask for: 48 hours (libp2p's record TTL). */
  public static final long MAX_TTL_MILLIS = 48L * 60 * 60 * 1000;

  /** Most disjoint lookup paths (S/Kademlia d). */
  public static final int MAX_DISJOINT_PATHS = 8;

  /** Most candidates one lookup path remembers; farther uncontacted ones are dropped. */
  public static final int MAX_LOOKUP_CANDIDATES = 8 * MAX_K;

  /**
   * Most requests one lookup path sends: 4k at the largest k. An honest lookup in 10,000 nodes
   * needs a few dozen; the bound stops answers full of unresponsive contacts from keeping a lookup
   * going for long.
   */
  public static final int MAX_LOOKUP_REQUESTS_PER_PATH = 4 * MAX_K;

  /** Most user and maintenance operations (lookups, puts, gets) running at once. */
  public static final int MAX_OPERATIONS = 1_024;

  /** Most outstanding requests at once; beyond it new requests of an operation count as failed. */
  public static final int MAX_PENDING_REQUESTS = 16_384;

  /** Most outstanding verification pings to contacts not yet in the routing table. */
  public static final int MAX_PENDING_PINGS = 64;

  /** Most records a publisher keeps republishing. */
  public static final int MAX_PUBLISHED_RECORDS = 4_096;
}
