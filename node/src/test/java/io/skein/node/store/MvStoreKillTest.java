package io.skein.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import io.skein.dht.record.StoredRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store whose process is killed with SIGKILL in the middle of its writes still serves, after
 * reopening, every record it acknowledged: the kill lands wherever the child happens to be, and the
 * child acknowledges a put only after {@code put} returned.
 */
class MvStoreKillTest {
  @TempDir Path dir;

  /**
   * Kills the child after {@code acksBeforeKill} acknowledged immutable puts: with the defaults,
   * past {@link MvStoreRecordStore#COMPACT_EVERY_COMMITS} commits so that compactions ran too.
   */
  @ParameterizedTest
  @CsvSource({"defaults, 2500", "powerLossSafe, 500"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyAcknowledgedPutSurvivesKill9(String preset, int acksBeforeKill) throws Exception {
    Path file = dir.resolve("records.mv");
    Path stderr = dir.resolve("child.err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityChild.class.getName(),
                file.toString(),
                preset)
            .redirectError(stderr.toFile())
            .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(child, lines), "kill-test-child-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> acked(lines).size() >= acksBeforeKill || !child.isAlive());
      assertThat(child.isAlive()).as("child died early: %s", Files.readString(stderr)).isTrue();

      // While the child holds the store, no other process can open it.
      RecordStoreException locked =
          catchThrowableOfType(RecordStoreException.class, () -> MvStoreRecordStore.open(file));
      assertThat(locked.kind()).isEqualTo(RecordStoreException.Kind.LOCKED);

      // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
      // child's stdout and drop acks still in the pipe.
      assertThat(child.toHandle().destroyForcibly()).isTrue();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      reader.join(10_000);
      assertThat(reader.isAlive()).as("child's stdout read to its end").isFalse();
    } finally {
      child.destroyForcibly();
    }

    List<String> keys = acked(lines);
    long lastSeq =
        lines.stream()
            .filter(l -> l.startsWith("acked-seq "))
            .mapToLong(l -> Long.parseLong(l.substring("acked-seq ".length())))
            .max()
            .orElse(-1);
    assertThat(keys).hasSizeGreaterThanOrEqualTo(acksBeforeKill);
    assertThat(lines)
        .noneMatch(l -> l.startsWith("rejected") || l.startsWith("stdout") || l.equals("done"));
    long now = System.currentTimeMillis();
    try (MvStoreRecordStore store = MvStoreRecordStore.open(file)) {
      for (String hex : keys) {
        assertThat(store.get(RecordKey.fromHex(hex), now)).as("acked record %s", hex).isNotNull();
      }
      RecordKey mutableKey =
          RecordKey.ofMutable(DurabilityChild.OWNER.publicKey(), DurabilityChild.SALT);
      StoredRecord latest = store.get(mutableKey, now);
      assertThat(latest).isNotNull();
      assertThat(((MutableRecord) latest.record()).seq()).isGreaterThanOrEqualTo(lastSeq);
      // The acked records, the mutable one, and at most one put the kill kept from being acked.
      assertThat(store.size()).isBetween(keys.size() + 1, keys.size() + 2);
    }
  }

  private static List<String> acked(List<String> lines) {
    return lines.stream()
        .filter(l -> l.startsWith("acked "))
        .map(l -> l.substring("acked ".length()))
        .filter(hex -> hex.length() == 64) // a line cut by the kill is not counted
        .toList();
  }

  private static void readLines(Process child, List<String> lines) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("stdout failed: " + e);
    }
  }
}
