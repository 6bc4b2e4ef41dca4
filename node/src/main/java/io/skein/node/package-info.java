/**
 * The Skein node daemon: {@link io.skein.node.Node} wires the event loop, the transport and the
 * frame codec together and answers pings.
 */
package io.skein.node;
