package io.skein.node.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.KeyPair;
import io.skein.dht.Consistency;
import io.skein.dht.DhtConfig;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.StoredRecord;
import io.skein.node.Node;
import io.skein.node.NodeConfig;
import io.skein.node.store.MvStoreConfig;
import io.skein.node.store.MvStoreRecordStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHT on the persistent store: the core's clock is epoch based, which the store requires (it
 * refuses monotonic times), so expiry times keep their meaning across a restart.
 */
class DhtServicePersistenceTest {
  private static final DhtConfig CONFIG =
      DhtConfig.local().toBuilder().requestTimeoutNanos(3_000_000_000L).build();

  @TempDir Path dir;
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private DhtService start(KeyPair key, DhtService service) throws Exception {
    nodes.add(Node.start(key, NodeConfig.local(), List.of(service), null));
    return service;
  }

  private static <T> T result(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aRecordHeldBeforeARestartIsServedAfterItWithTheSameExpiry() throws Exception {
    Path file = dir.resolve("records.mv");
    KeyPair key = KeyPair.generate();
    MutableRecord record =
        MutableRecord.sign(KeyPair.generate(), "s".getBytes(), 3, "kept".getBytes());
    DhtService first =
        start(key, new DhtService(CONFIG, MvStoreRecordStore.open(MvStoreConfig.defaults(file))));
    PutResult put = result(first.put(record, Consistency.ONE));
    StoredRecord before = result(first.localRecord(record.key()));
    nodes.remove(0).close(); // closes the service, which closes the store

    DhtService second =
        start(key, new DhtService(CONFIG, MvStoreRecordStore.open(MvStoreConfig.defaults(file))));
    StoredRecord after = result(second.localRecord(record.key()));
    DhtService reader = start(KeyPair.generate(), DhtService.inMemory(CONFIG));
    result(reader.bootstrap(List.of(second.self())));
    GetResult got = result(reader.get(record.key(), Consistency.ONE));

    assertThat(put.levelReached()).isTrue();
    assertThat(before.expiresAtMillis())
        .isBetween(
            System.currentTimeMillis() + CONFIG.recordTtlMillis() - 60_000,
            System.currentTimeMillis() + CONFIG.recordTtlMillis());
    assertThat(after).isEqualTo(before);
    assertThat(got.record()).isEqualTo(record);
  }
}
