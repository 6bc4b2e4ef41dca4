package io.skein.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.NodeId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
  @TempDir Path tmp;

  private static KnownPeer peer(int i) {
    byte[] id = new byte[32];
    id[0] = (byte) i;
    id[1] = (byte) (i >> 8);
    return new KnownPeer(NodeId.of(id), new Endpoint("10.0." + (i >> 8) + "." + (i & 0xff), 7946));
  }

  @Test
  void aNewDataDirectoryIsCreatedWithOwnerOnlyMode() throws Exception {
    DataDir dir = DataDir.open(tmp.resolve("a/b/data"));
    assertThat(dir.path()).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())))
        .isEqualTo("rwx------");
    assertThat(dir.keyFile()).isEqualTo(dir.path().resolve("node.key"));
    assertThat(dir.recordsFile()).isEqualTo(dir.path().resolve("records.mv"));
    assertThat(dir.peersFile()).isEqualTo(dir.path().resolve("peers.json"));
  }

  @Test
  void theKeyIsCreatedOnFirstStartAndTheSameOneLoadedAfter() throws Exception {
    DataDir dir = DataDir.open(tmp.resolve("data"));
    KeyPair first = dir.loadOrCreateKey(new SecureRandom());
    KeyPair again = DataDir.open(tmp.resolve("data")).loadOrCreateKey(new SecureRandom());
    assertThat(again.publicKey()).isEqualTo(first.publicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.keyFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void aFileWhereTheDirectoryShouldBeIsAClearError() throws Exception {
    Path file = Files.writeString(tmp.resolve("data"), "x");
    assertThatThrownBy(() -> DataDir.open(file))
        .isInstanceOf(DataDirException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a directory");
  }

  @Test
  void noPeersFileMeansNoPeers() throws Exception {
    assertThat(DataDir.open(tmp).readPeers()).isEmpty();
  }

  @Test
  void peersAreWrittenAtomicallyAndReadBack() throws Exception {
    DataDir dir = DataDir.open(tmp);
    List<KnownPeer> peers =
        List.of(peer(1), peer(2), new KnownPeer(peer(3).id(), Endpoint.parse("[::1]:7000")));
    dir.writePeers(peers);
    assertThat(dir.readPeers()).isEqualTo(peers);
    dir.writePeers(List.of(peer(4)));
    assertThat(dir.readPeers()).containsExactly(peer(4));
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("peers.json");
    }
    assertThat(Files.readString(dir.peersFile())).contains("\"version\" : 1");
  }

  @Test
  void atMostTheLimitOfPeersIsWritten() throws Exception {
    DataDir dir = DataDir.open(tmp);
    List<KnownPeer> many = new ArrayList<>();
    for (int i = 0; i < PeersFile.MAX_PEERS + 10; i++) {
      many.add(peer(i));
    }
    dir.writePeers(many);
    assertThat(dir.readPeers())
        .hasSize(PeersFile.MAX_PEERS)
        .isEqualTo(many.subList(0, PeersFile.MAX_PEERS));
    assertThat(Files.size(dir.peersFile())).isLessThan(PeersFile.MAX_FILE_BYTES);
  }

  @Test
  void aBadPeersFileIsAClearErrorNamingTheFileAndTheProblem() throws Exception {
    DataDir dir = DataDir.open(tmp);
    String id = "ab".repeat(32);
    record Case(String content, String problem) {}
    List<Case> cases =
        List.of(
            new Case("", "not a JSON object"),
            new Case("{", "not valid JSON"),
            new Case("[]", "not a JSON object"),
            new Case("{\"version\":2,\"peers\":[]}", "version is not 1"),
            new Case("{\"version\":1}", "\"peers\" is not an array"),
            new Case("{\"version\":1,\"peers\":[1]}", "peer 0"),
            new Case("{\"version\":1,\"peers\":[{\"id\":\"xyz\",\"address\":\"a:1\"}]}", "node id"),
            new Case(
                "{\"version\":1,\"peers\":[{\"id\":\"" + id + "\",\"address\":\"a\"}]}",
                "invalid endpoint"),
            new Case(
                "{\"version\":1,\"peers\":[{\"id\":\"" + id + "\",\"address\":\"a;b:1\"}]}",
                "invalid character"),
            new Case("{\"version\":1,\"peers\":[]} x", "not valid JSON"),
            new Case("{\"version\":1,\"version\":1,\"peers\":[]}", "not valid JSON"),
            new Case(" ".repeat(PeersFile.MAX_FILE_BYTES + 1), "larger than"));
    for (Case c : cases) {
      Files.writeString(dir.peersFile(), c.content(), StandardCharsets.UTF_8);
      assertThatThrownBy(dir::readPeers)
          .as(c.content().length() > 100 ? "huge file" : c.content())
          .isInstanceOf(DataDirException.class)
          .hasMessageContaining(dir.peersFile().toString())
          .hasMessageContaining(c.problem())
          .hasMessageContaining("delete it")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void tooManyPeersInTheFileAreRefused() throws Exception {
    DataDir dir = DataDir.open(tmp);
    StringBuilder json = new StringBuilder("{\"version\":1,\"peers\":[");
    for (int i = 0; i <= PeersFile.MAX_PEERS; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append("00".repeat(32))
          .append("\",\"address\":\"a:1\"}");
    }
    Files.writeString(dir.peersFile(), json.append("]}"));
    assertThatThrownBy(dir::readPeers).hasMessageContaining("more than " + PeersFile.MAX_PEERS);
  }

  @Test
  void aFailedWriteIsAClearErrorAndLeavesNoTemporaryFile() throws Exception {
    DataDir dir = DataDir.open(tmp);
    // A non-empty directory where the file should go: the final move fails, even for root.
    Files.createDirectories(dir.peersFile());
    Files.writeString(dir.peersFile().resolve("x"), "x");
    assertThatThrownBy(() -> dir.writePeers(List.of(peer(1))))
        .isInstanceOf(DataDirException.class)
        .hasMessageContaining("cannot write peers file " + dir.peersFile());
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("peers.json");
    }
  }
}
