package io.skein.node.daemon;

import io.skein.crypto.KeyFile;
import io.skein.crypto.KeyFileException;
import io.skein.crypto.KeyPair;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A node's data directory: its key ({@value #KEY_FILE}, created on first start), its persistent
 * records ({@value #RECORDS_FILE}, the node's MVStore record store) and the peers it last knew
 * ({@value #PEERS_FILE}, so that a restarted node rejoins without {@code --join}). A new directory
 * is created with mode 0700; an existing one is used as it is.
 */
public final class DataDir {
  /** The node's Ed25519 key file (mode 0600, see {@link KeyFile}). */
  public static final String KEY_FILE = "node.key";

  /** The node's persistent record store (an MVStore file). */
  public static final String RECORDS_FILE = "records.mv";

  /** The last known peers, JSON (see {@link PeersFile}). */
  public static final String PEERS_FILE = "peers.json";

  /** Mode of a data directory this class creates: rwx------ (0700). */
  static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");

  private final Path path;

  private DataDir(Path path) {
    this.path = path;
  }

  /**
   * Opens the data directory at {@code path}, creating it (and missing parents) with mode 0700.
   *
   * @throws DataDirException if it cannot be created or is not a directory
   */
  public static DataDir open(Path path) throws DataDirException {
    Objects.requireNonNull(path, "path");
    Path dir = path.toAbsolutePath().normalize();
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      throw new DataDirException("data directory " + dir + " exists but is not a directory");
    }
    if (!Files.isDirectory(dir)) {
      try {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        } else {
          Files.createDirectories(dir);
        }
      } catch (FileSystemException e) {
        throw new DataDirException("cannot create data directory " + dir + ": " + reason(e), e);
      } catch (IOException e) {
        throw new DataDirException("cannot create data directory " + dir + ": " + e, e);
      }
    }
    if (!Files.isWritable(dir)) {
      throw new DataDirException("data directory " + dir + " is not writable");
    }
    return new DataDir(dir);
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** Where the key lives. */
  public Path keyFile() {
    return path.resolve(KEY_FILE);
  }

  /** Where the record store lives (for {@code MvStoreRecordStore.open}). */
  public Path recordsFile() {
    return path.resolve(RECORDS_FILE);
  }

  /** Where the last known peers live. */
  public Path peersFile() {
    return path.resolve(PEERS_FILE);
  }

  /**
   * The node's key, created from {@code random} on first start.
   *
   * @throws KeyFileException if the key file cannot be read, trusted or written (its message says
   *     which and how to fix it)
   */
  public KeyPair loadOrCreateKey(SecureRandom random) throws KeyFileException {
    return KeyFile.loadOrCreate(keyFile(), random);
  }

  /**
   * The peers saved last, or none if there is no peers file yet.
   *
   * @throws DataDirException if the file cannot be read or is not a valid peers file
   */
  public List<KnownPeer> readPeers() throws DataDirException {
    return PeersFile.read(peersFile());
  }

  /**
   * Replaces the peers file atomically with the first {@link PeersFile#MAX_PEERS} of {@code peers}:
   * a crash leaves the old file or the new one, never a mix.
   *
   * @throws DataDirException if it cannot be written
   */
  public void writePeers(Collection<KnownPeer> peers) throws DataDirException {
    PeersFile.write(peersFile(), peers);
  }

  static String reason(FileSystemException e) {
    String reason = e.getReason();
    return reason != null ? reason : e.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
