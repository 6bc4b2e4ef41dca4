/** Skein gossip. */
package io.skein.gossip;
