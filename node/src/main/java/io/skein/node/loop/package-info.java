/**
 * The node's single event-loop thread: it owns the JeroMQ sockets, runs socket handlers, tasks
 * submitted from other threads and timers, and never lets a handler's exception escape.
 */
package io.skein.node.loop;
