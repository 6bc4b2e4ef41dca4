/**
 * What the daemon keeps and reads at start: the {@link io.skein.node.daemon.DataDir} (key, records,
 * last known peers) and the {@link io.skein.node.daemon.DaemonSettings} resolved from defaults, a
 * config file, environment variables and flags.
 */
package io.skein.node.daemon;
