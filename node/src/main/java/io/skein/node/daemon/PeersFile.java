package io.skein.node.daemon;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The last known peers on disk: {@code {"version": 1, "peers": [{"id": hex, "address":
 * "host:port"}, ...]}}. Bounded on both ends: at most {@link #MAX_PEERS} entries are written, and a
 * file over {@link #MAX_FILE_BYTES} or with more entries is refused unread.
 */
final class PeersFile {
  /** Format version written and read. */
  static final int VERSION = 1;

  /**
   * Most peers kept: 1,024. Rejoining needs one live peer; a thousand covers a large network's
   * churn, at about 110 bytes each.
   */
  static final int MAX_PEERS = 1_024;

  /** Largest peers file read: 256 KiB, twice what {@link #MAX_PEERS} entries take. */
  static final int MAX_FILE_BYTES = 256 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private PeersFile() {}

  static List<KnownPeer> read(Path file) throws DataDirException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (FileSystemException e) {
      throw new DataDirException("cannot read peers file " + file + ": " + DataDir.reason(e), e);
    } catch (IOException e) {
      throw new DataDirException("cannot read peers file " + file + ": " + e, e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw invalid(file, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw invalid(
          file, "not valid JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
    } catch (IOException e) {
      throw invalid(file, "not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid(file, "not a JSON object");
    }
    if (!root.path("version").isInt() || root.get("version").intValue() != VERSION) {
      throw invalid(file, "version is not " + VERSION);
    }
    JsonNode peers = root.get("peers");
    if (peers == null || !peers.isArray()) {
      throw invalid(file, "\"peers\" is not an array");
    }
    if (peers.size() > MAX_PEERS) {
      throw invalid(file, "more than " + MAX_PEERS + " peers");
    }
    List<KnownPeer> out = new ArrayList<>(peers.size());
    for (int i = 0; i < peers.size(); i++) {
      JsonNode peer = peers.get(i);
      try {
        if (!peer.isObject() || !peer.path("id").isTextual() || !peer.path("address").isTextual()) {
          throw new IllegalArgumentException("needs an \"id\" and an \"address\" string");
        }
        out.add(
            new KnownPeer(
                NodeId.fromHex(peer.get("id").textValue()),
                Endpoint.parse(peer.get("address").textValue())));
      } catch (IllegalArgumentException e) {
        throw invalid(file, "peer " + i + ": " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  static void write(Path file, Collection<KnownPeer> peers) throws DataDirException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    ArrayNode array = root.putArray("peers");
    int n = 0;
    for (KnownPeer peer : peers) {
      if (n++ == MAX_PEERS) {
        break;
      }
      ObjectNode entry = array.addObject();
      entry.put("id", peer.id().hex());
      entry.put("address", peer.address().toString());
    }
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp =
          dir.getFileSystem().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  dir,
                  ".peers-",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, ".peers-", ".tmp");
      ByteBuffer json =
          ByteBuffer.wrap(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        while (json.hasRemaining()) {
          channel.write(json);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (FileSystemException e) {
      throw new DataDirException("cannot write peers file " + file + ": " + DataDir.reason(e), e);
    } catch (IOException e) {
      throw new DataDirException("cannot write peers file " + file + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the failure above is what the caller needs to know
        }
      }
    }
  }

  private static DataDirException invalid(Path file, String problem) {
    return new DataDirException(
        "peers file " + file + " is not valid: " + problem + " (delete it to start without it)");
  }
}
