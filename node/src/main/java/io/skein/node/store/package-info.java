/**
 * Persistent storage of the node: {@link io.skein.node.store.MvStoreRecordStore}, the DHT's {@link
 * io.skein.dht.record.RecordStore} in one H2 MVStore file, crash-safe (every acknowledged put is
 * committed before it is acknowledged), with one-line {@link
 * io.skein.node.store.RecordStoreException}s for locked, damaged and newer-format files.
 */
package io.skein.node.store;
