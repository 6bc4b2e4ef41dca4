/** The DHT's protocol messages: plain immutable values the node serializes with bounded lengths. */
package io.skein.dht.msg;
