/** Skein dht. */
package io.skein.dht;
