package io.skein.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skein.crypto.Endpoint;
import io.skein.dht.Consistency;
import io.skein.dht.GetResult;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.RecordKey;
import io.skein.gossip.Member;
import io.skein.gossip.MemberState;
import io.skein.node.api.PutView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;

  private final List<Daemon> daemons = new ArrayList<>();

  @AfterEach
  void stopAll() {
    for (Daemon d : daemons) {
      d.kill();
    }
  }

  private Daemon start(String name, List<Endpoint> join) throws DaemonStartException {
    return start(settings(name, join));
  }

  private Daemon start(DaemonSettings settings) throws DaemonStartException {
    Daemon d = Daemon.start(settings);
    daemons.add(d);
    return d;
  }

  private DaemonSettings settings(String name, List<Endpoint> join) {
    return settings(name, freePort(), join);
  }

  private DaemonSettings settings(String name, Endpoint listen, List<Endpoint> join) {
    return new DaemonSettings(
        tmp.resolve(name), listen, null, freePort(), null, join, DaemonSettings.Preset.LOCAL, null);
  }

  private static long alive(Daemon d) {
    return d.gossip().members().stream().filter(m -> m.state() == MemberState.ALIVE).count();
  }

  private static GetResult get(Daemon d, RecordKey key) throws Exception {
    return d.backend().get(key, Consistency.ONE).get(10, TimeUnit.SECONDS);
  }

  @Test
  void peersJoinAndAValuePutOnOneIsReadOnAnother() throws Exception {
    Daemon a = start("a", List.of());
    Daemon b = start("b", List.of(a.endpoint()));
    Daemon c = start("c", List.of(a.endpoint()));
    await().atMost(WAIT).until(() -> alive(a) == 3 && alive(b) == 3 && alive(c) == 3);

    byte[] value = "hello".getBytes(StandardCharsets.UTF_8);
    PutView put =
        a.backend().putMutable("greeting", value, Consistency.QUORUM, -1).get(10, TimeUnit.SECONDS);
    assertThat(put.result().levelReached()).isTrue();
    GetResult got = get(c, put.record().key());
    assertThat(got.found()).isTrue();
    assertThat(got.record().value()).isEqualTo(value);
    assertThat(((MutableRecord) got.record()).publicKey()).isEqualTo(a.backend().publicKey());

    PutView second =
        a.backend()
            .putMutable(
                "greeting", "again".getBytes(StandardCharsets.UTF_8), Consistency.QUORUM, -1)
            .get(10, TimeUnit.SECONDS);
    assertThat(((MutableRecord) second.record()).seq()).isEqualTo(2);
    assertThat(b.backend().status().routingContacts()).isEqualTo(2);
  }

  @Test
  void restartedPeerRejoinsThroughSavedPeersAndStillServesItsRecords() throws Exception {
    Daemon a = start("a", List.of());
    Daemon b = start("b", List.of(a.endpoint()));
    Daemon c = start("c", List.of(a.endpoint()));
    await().atMost(WAIT).until(() -> alive(a) == 3 && alive(b) == 3 && alive(c) == 3);
    byte[] value = "kept".getBytes(StandardCharsets.UTF_8);
    // the routing tables fill from gossip events just after the members are alive: retry the put
    PutView put =
        await()
            .atMost(WAIT)
            .until(
                () -> a.backend().putImmutable(value, Consistency.ALL).get(10, TimeUnit.SECONDS),
                p -> p.result().acked() == 3);
    RecordKey key = put.record().key();

    b.close();
    assertThat(Files.readString(tmp.resolve("b").resolve(DataDir.PEERS_FILE)))
        .contains(a.endpoint().toString(), c.endpoint().toString());
    await().atMost(WAIT).until(() -> stateOf(a, b) == MemberState.LEFT);

    Daemon b2 = start(settings("b", b.endpoint(), List.of()));
    assertThat(b2.id()).isEqualTo(b.id());
    assertThat(b2.seeds()).containsExactlyInAnyOrder(a.endpoint(), c.endpoint());
    await().atMost(WAIT).until(() -> alive(b2) == 3 && stateOf(a, b2) == MemberState.ALIVE);
    assertThat(b2.dht().localRecord(key).get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(get(b2, key).record().value()).isEqualTo(value);
  }

  @Test
  void peersAreSavedSoonAfterAJoinSoACrashedPeerCanRejoin() throws Exception {
    Daemon a = start("a", List.of());
    Daemon b = start("b", List.of(a.endpoint()));
    Path peers = tmp.resolve("b").resolve(DataDir.PEERS_FILE);
    await().atMost(WAIT).until(() -> Files.exists(peers));
    assertThat(Files.readString(peers)).contains(a.endpoint().toString());
    Endpoint bAt = b.endpoint();
    b.kill();
    Daemon b2 = start(settings("b", bAt, List.of()));
    await().atMost(WAIT).until(() -> alive(a) == 2 && alive(b2) == 2);
  }

  @Test
  void aSecondDaemonOnTheSameDataDirIsRefusedWithTheStoreKind() throws Exception {
    Daemon a = start("a", List.of());
    assertThatThrownBy(() -> Daemon.start(settings("a", List.of())))
        .isInstanceOf(DaemonStartException.class)
        .extracting(e -> ((DaemonStartException) e).kind())
        .isEqualTo(DaemonStartException.Kind.STORE);
    assertThat(alive(a)).isEqualTo(1);
  }

  @Test
  void aTakenPortIsReportedAsAddressInUse() throws Exception {
    Daemon a = start("a", List.of());
    DaemonSettings clash = settings("b", a.endpoint(), List.of());
    assertThatThrownBy(() -> Daemon.start(clash))
        .isInstanceOf(DaemonStartException.class)
        .extracting(e -> ((DaemonStartException) e).kind())
        .isEqualTo(DaemonStartException.Kind.ADDRESS_IN_USE);
    // the store of the failed start was released
    Daemon b = start("b", List.of(a.endpoint()));
    await().atMost(WAIT).until(() -> alive(b) == 2);
  }

  /** A port nobody listened on a moment ago (the kernel's choice). */
  static Endpoint freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new Endpoint("127.0.0.1", s.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MemberState stateOf(Daemon viewer, Daemon member) {
    for (Member m : viewer.gossip().members()) {
      if (m.id().equals(member.id())) {
        return m.state();
      }
    }
    return null;
  }
}
