package io.skein.dht;

/** The outcome of a user operation, handed out by {@link Dht#drainResults()} once it completes. */
public sealed interface DhtResult permits FindNodeResult, GetResult, PutResult {
  /** The id {@link Dht} returned when the operation started. */
  long operationId();

  /** What the operation's lookup cost. */
  LookupStats stats();
}
