/** The Kademlia routing table: 256 k-buckets with replacement caches. */
package io.skein.dht.routing;
