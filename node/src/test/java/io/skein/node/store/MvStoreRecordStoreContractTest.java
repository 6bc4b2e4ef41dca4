package io.skein.node.store;

import io.skein.dht.record.RecordStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract, held by the MVStore file store of the daemon. */
class MvStoreRecordStoreContractTest extends RecordStoreContract {
  @TempDir Path dir;

  private final List<MvStoreRecordStore> opened = new ArrayList<>();

  @Override
  RecordStore newStore(int maxRecords, long maxBytes) {
    Path file = dir.resolve("records-" + opened.size() + ".mv");
    MvStoreRecordStore s =
        MvStoreRecordStore.open(MvStoreConfig.defaults(file).withLimits(maxRecords, maxBytes));
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(MvStoreRecordStore::close);
  }
}
