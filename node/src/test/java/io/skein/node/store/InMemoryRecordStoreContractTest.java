package io.skein.node.store;

import io.skein.dht.record.InMemoryRecordStore;
import io.skein.dht.record.RecordStore;

/** The store contract, held by the in-memory store of tests and simulations. */
class InMemoryRecordStoreContractTest extends RecordStoreContract {
  @Override
  RecordStore newStore(int maxRecords, long maxBytes) {
    return new InMemoryRecordStore(maxRecords, maxBytes);
  }
}
