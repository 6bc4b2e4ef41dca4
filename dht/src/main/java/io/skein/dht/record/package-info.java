/**
 * Records that validate by themselves: immutable ones at SHA-256(value), mutable ones at
 * SHA-256(public key || salt) signed in BitTorrent BEP 44's format; their validator with one reject
 * reason per failure, the {@link io.skein.dht.record.RecordStore} interface with an in-memory
 * implementation, and a bounded byte codec.
 */
package io.skein.dht.record;
