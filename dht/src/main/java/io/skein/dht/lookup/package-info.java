/**
 * Sans-I/O state machines for iterative lookups (with optional S/Kademlia disjoint paths), puts on
 * r replicas and gets with read repair, each at a consistency level.
 */
package io.skein.dht.lookup;
