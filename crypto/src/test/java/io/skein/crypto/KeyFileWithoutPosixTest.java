package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key files on a file system without POSIX attributes (the JDK's zip file system stands in for FAT
 * or Windows): the permission check is skipped, everything else still holds.
 */
class KeyFileWithoutPosixTest {
  @TempDir Path dir;
  private FileSystem zip;

  @BeforeEach
  void openZipFileSystem() throws IOException {
    zip =
        FileSystems.newFileSystem(
            URI.create("jar:" + dir.resolve("keys.zip").toUri()), Map.of("create", "true"));
    assertThat(zip.supportedFileAttributeViews()).doesNotContain("posix");
  }

  @AfterEach
  void close() throws IOException {
    zip.close();
  }

  @Test
  void loadOrCreateWritesAndLoadsWithoutAPermissionCheck() throws IOException {
    Path file = zip.getPath("/data/node.key");
    KeyPair created = KeyFile.loadOrCreate(file, new SecureRandom());
    assertThat(KeyFile.load(file).publicKey()).isEqualTo(created.publicKey());
    assertThat(KeyFile.loadOrCreate(file, new SecureRandom()).publicKey())
        .isEqualTo(created.publicKey());
    try (var files = Files.list(zip.getPath("/data"))) {
      assertThat(files.map(Path::toString)).containsExactly("/data/node.key");
    }
  }

  @Test
  void refusalsAndErrorsAreTheSame() throws IOException {
    Path file = zip.getPath("/node.key");
    assertThatThrownBy(() -> KeyFile.load(file))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.MISSING));
    KeyPair key = KeyPair.generate();
    KeyFile.write(file, key);
    assertThatThrownBy(() -> KeyFile.write(file, KeyPair.generate()))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.EXISTS));
    KeyPair replacement = KeyPair.generate();
    KeyFile.write(file, replacement, true);
    assertThat(KeyFile.load(file).publicKey()).isEqualTo(replacement.publicKey());
    Files.writeString(file, "not a key");
    assertThatThrownBy(() -> KeyFile.load(file))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.CORRUPT));
  }
}
