package io.skein.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * A node's identity on disk: a small text file (format in {@link KeyFileFormat}: a versioned header
 * line, the seed hex and the public key hex) that only its owner may read.
 *
 * <p>Writing is atomic: the key goes to a temporary file in the same directory, created with mode
 * 0600 from the start (never briefly readable by others), flushed to disk, then moved into place,
 * so a crash leaves either no key file or a complete one. Without {@code overwrite} the move is a
 * hard link that fails if the target exists, so two processes racing to create a key cannot replace
 * each other's; on file systems without hard links it falls back to check-then-rename.
 *
 * <p>Loading refuses, like OpenSSH, a file that group or others can access in any way (mode bits
 * 077), naming the mode found and the {@code chmod 600} fix. On file systems without POSIX
 * attributes (Windows, FAT, zip) there are no such bits: the permission check is skipped and the
 * directory's access control is what protects the key.
 *
 * <p>Every failure is a {@link KeyFileException} with a one-line message for the user.
 */
public final class KeyFile {
  /** Mode of a key file: rw------- (0600). */
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

  /** Mode of directories {@link #loadOrCreate} creates: rwx------ (0700). */
  static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");

  private KeyFile() {}

  /**
   * Writes {@code key} to a new file at {@code path}; refuses to replace an existing file.
   *
   * @throws KeyFileException reason {@code EXISTS} if a file is there, {@code IO} if the directory
   *     is missing or not writable
   */
  public static void write(Path path, KeyPair key) throws KeyFileException {
    write(path, key, false);
  }

  /**
   * Writes {@code key} to {@code path} atomically with mode 0600, replacing an existing file only
   * if {@code overwrite} is set. The parent directory must exist.
   *
   * @throws KeyFileException reason {@code EXISTS} if a file is there and {@code overwrite} is
   *     false, {@code IO} if the file system fails
   */
  public static void write(Path path, KeyPair key, boolean overwrite) throws KeyFileException {
    Path target = path.toAbsolutePath();
    Path dir = directoryOf(path);
    if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw exists(path);
    }
    byte[] content = KeyFileFormat.encode(key);
    Path tmp = null;
    try {
      String prefix = "." + target.getFileName() + ".";
      tmp =
          isPosix(target)
              ? Files.createTempFile(
                  dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
              : Files.createTempFile(dir, prefix, ".tmp");
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (overwrite) {
        // POSIX rename replaces atomically; REPLACE_EXISTING is for file systems whose atomic move
        // would otherwise refuse an existing target.
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        moveIfAbsent(tmp, target);
      }
      tmp = null;
      syncDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw exists(path);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(
          KeyFileException.Reason.IO,
          path,
          "cannot write key file " + path + ": directory " + dir + " does not exist",
          e);
    } catch (IOException e) {
      throw ioFailure("cannot write key file ", path, e);
    } finally {
      Arrays.fill(content, (byte) 0);
      deleteQuietly(tmp);
    }
  }

  /**
   * Reads the key at {@code path}, after checking that only its owner can access it.
   *
   * @throws KeyFileException reason {@code MISSING}, {@code CORRUPT}, {@code INSECURE_PERMISSIONS}
   *     or {@code IO}, with a message naming the fix
   */
  public static KeyPair load(Path path) throws KeyFileException {
    checkOwnerOnly(path);
    byte[] content;
    try (InputStream in = Files.newInputStream(path)) {
      content = in.readNBytes(KeyFileFormat.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw missing(path, e);
    } catch (IOException e) {
      throw ioFailure("cannot read key file ", path, e);
    }
    try {
      return KeyFileFormat.decode(content);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(
          KeyFileException.Reason.CORRUPT,
          path,
          "key file " + path + " is corrupt: " + e.getMessage(),
          e);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /**
   * The key at {@code path}, or on first start a new one from {@code random} written there. Missing
   * parent directories are created with mode 0700 (existing ones are left as they are). If another
   * process creates the file at the same moment, its key is loaded and returned.
   *
   * @throws KeyFileException as {@link #load} and {@link #write(Path, KeyPair)} do
   */
  public static KeyPair loadOrCreate(Path path, SecureRandom random) throws KeyFileException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return load(path);
    }
    Path dir = directoryOf(path);
    try {
      if (isPosix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw ioFailure("cannot create the directory of key file ", path, e);
    }
    KeyPair key = KeyPair.generate(random);
    try {
      write(path, key, false);
      return key;
    } catch (KeyFileException e) {
      if (e.reason() == KeyFileException.Reason.EXISTS) {
        return load(path);
      }
      throw e;
    }
  }

  private static Path directoryOf(Path path) throws KeyFileException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null) {
      throw new KeyFileException(
          KeyFileException.Reason.IO, path, "key file path " + path + " names no file");
    }
    return dir;
  }

  private static void checkOwnerOnly(Path path) throws KeyFileException {
    if (!isPosix(path)) {
      if (!Files.exists(path)) {
        throw missing(path, null);
      }
      return;
    }
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw missing(path, e);
    } catch (IOException e) {
      throw ioFailure("cannot read key file ", path, e);
    }
    if (!attributes.isRegularFile()) {
      throw new KeyFileException(
          KeyFileException.Reason.IO, path, "key file " + path + " is not a regular file");
    }
    int mode = PosixMode.of(attributes.permissions());
    if ((mode & PosixMode.GROUP_OR_OTHERS) != 0) {
      throw new KeyFileException(
          KeyFileException.Reason.INSECURE_PERMISSIONS,
          path,
          String.format(
              "key file %s has mode %s, so group or others can access it; fix it with: chmod 600 %s",
              path, PosixMode.octal(mode), path));
    }
  }

  /** Links {@code tmp} to a {@code target} that must not exist, then removes {@code tmp}. */
  private static void moveIfAbsent(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // No hard links here (FAT, some network or FUSE file systems, zip): check, then rename.
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Files.delete(tmp);
  }

  /**
   * Makes the new directory entry durable; best effort, not every platform can open a directory.
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows and some file systems cannot fsync a directory; the rename is still atomic.
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp != null) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // Nothing better to do: the write already failed or succeeded and reports that.
      }
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static KeyFileException exists(Path path) {
    return new KeyFileException(
        KeyFileException.Reason.EXISTS,
        path,
        "key file "
            + path
            + " already exists; refusing to replace an identity (move it away, or overwrite it"
            + " explicitly)");
  }

  private static KeyFileException missing(Path path, IOException cause) {
    return new KeyFileException(
        KeyFileException.Reason.MISSING, path, "key file " + path + " does not exist", cause);
  }

  private static KeyFileException ioFailure(String what, Path path, IOException e) {
    String why =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason()
                : e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
    return new KeyFileException(
        KeyFileException.Reason.IO, path, what + path + ": " + why.replace('\n', ' '), e);
  }
}
