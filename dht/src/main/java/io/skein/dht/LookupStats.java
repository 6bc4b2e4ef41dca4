package io.skein.dht;

/**
 * What a lookup cost.
 *
 * @param hops depth at which the closest answering node was found (a node from our own table is hop
 *     1)
 * @param requests lookup requests sent
 * @param responses answers received
 * @param failures requests that failed or timed out
 * @param durationNanos from start to result
 */
public record LookupStats(
    int hops, int requests, int responses, int failures, long durationNanos) {}
