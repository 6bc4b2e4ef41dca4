/**
 * The JeroMQ transport: one ROUTER socket per node carries opaque frames to and from peers over
 * TCP, without ever blocking the event loop. See {@link io.skein.node.transport.Transport}.
 */
package io.skein.node.transport;
