package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, loading and first-start creation of key files on a POSIX file system. */
class KeyFileTest {
  private static final KeyPair KEY =
      KeyPair.fromSeed(
          HexFormat.of()
              .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void posixOnly() {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    file = dir.resolve("node.key");
  }

  @Test
  void writeThenLoadGivesTheSameKey() throws IOException {
    KeyFile.write(file, KEY);
    KeyPair loaded = KeyFile.load(file);
    assertThat(loaded.publicKey()).isEqualTo(KEY.publicKey());
    assertThat(loaded.seed()).isEqualTo(KEY.seed());
  }

  @Test
  void writtenFileHasMode0600AndTheDocumentedFormat() throws IOException {
    KeyFile.write(file, KEY);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file, StandardCharsets.US_ASCII))
        .isEqualTo(
            "skein-key v1 ed25519\n"
                + "seed 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n"
                + "public d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n");
  }

  @Test
  void writeLeavesNoTemporaryFileBehind() throws IOException {
    KeyFile.write(file, KEY);
    KeyFile.write(file, KeyPair.generate(), true);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writeRefusesToReplaceAnExistingFile() throws IOException {
    KeyFile.write(file, KEY);
    KeyPair other = KeyPair.generate(new SecureRandom());
    assertThatThrownBy(() -> KeyFile.write(file, other))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.EXISTS))
        .hasMessageStartingWith("key file " + file + " already exists");
    assertThat(KeyFile.load(file).publicKey()).isEqualTo(KEY.publicKey());
  }

  @Test
  void writeRefusesToReplaceEvenADanglingSymlink() throws IOException {
    Files.createSymbolicLink(file, dir.resolve("nowhere"));
    assertThatThrownBy(() -> KeyFile.write(file, KEY))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.EXISTS));
    assertThat(dir.resolve("nowhere")).doesNotExist();
  }

  @Test
  void overwriteReplacesAndKeepsMode0600() throws IOException {
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    KeyFile.write(file, KEY, true);
    assertThat(KeyFile.load(file).publicKey()).isEqualTo(KEY.publicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void writeIntoAMissingDirectoryNamesIt() {
    Path nested = dir.resolve("absent/node.key");
    assertThatThrownBy(() -> KeyFile.write(nested, KEY))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.IO))
        .hasMessage(
            "cannot write key file "
                + nested
                + ": directory "
                + dir.resolve("absent")
                + " does not exist");
  }

  @Test
  void theRootDirectoryIsNotAKeyFilePath() {
    Path root = dir.getRoot();
    assertThatThrownBy(() -> KeyFile.write(root, KEY))
        .isInstanceOf(KeyFileException.class)
        .hasMessage("key file path " + root + " names no file");
    assertThatThrownBy(() -> KeyFile.loadOrCreate(root, new SecureRandom()))
        .isInstanceOf(KeyFileException.class);
  }

  @Test
  void loadOfAMissingFileSaysSo() {
    assertThatThrownBy(() -> KeyFile.load(file))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(KeyFileException.Reason.MISSING);
              assertThat(e.path()).isEqualTo(file);
            })
        .hasMessage("key file " + file + " does not exist");
  }

  @Test
  void loadRefusesAFileOthersCanReadAndSaysHowToFixIt() throws IOException {
    KeyFile.write(file, KEY);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyFile.load(file))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.INSECURE_PERMISSIONS))
        .hasMessage(
            "key file "
                + file
                + " has mode 0644, so group or others can access it; fix it with: chmod 600 "
                + file);
  }

  @Test
  void loadRefusesAnyGroupOrOthersBit() throws IOException {
    KeyFile.write(file, KEY);
    for (String mode :
        new String[] {"rw-rw----", "rw----r--", "rw-----w-", "rw---x---", "rw-------"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      if (mode.equals("rw-------")) {
        assertThat(KeyFile.load(file).publicKey()).isEqualTo(KEY.publicKey());
      } else {
        assertThatThrownBy(() -> KeyFile.load(file))
            .as(mode)
            .hasMessageContaining("has mode 0" + octal(mode));
      }
    }
  }

  @Test
  void loadAcceptsOwnerReadOnly() throws IOException {
    KeyFile.write(file, KEY);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    assertThat(KeyFile.load(file).publicKey()).isEqualTo(KEY.publicKey());
  }

  @Test
  void loadOfADirectoryIsAnIoError() {
    assertThatThrownBy(() -> KeyFile.load(dir))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.IO))
        .hasMessage("key file " + dir + " is not a regular file");
  }

  @Test
  void loadOrCreateCreatesOnceThenLoadsTheSameKey() throws IOException {
    Path nested = dir.resolve("data/identity/node.key");
    KeyPair first = KeyFile.loadOrCreate(nested, new SecureRandom());
    KeyPair second = KeyFile.loadOrCreate(nested, new SecureRandom());
    assertThat(second.publicKey()).isEqualTo(first.publicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("data/identity"))))
        .isEqualTo("rwx------");
  }

  @Test
  void loadOrCreateLeavesAnExistingDirectoryAlone() throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    KeyFile.loadOrCreate(file, new SecureRandom());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void loadOrCreateDoesNotReplaceACorruptOrInsecureKey() throws IOException {
    Files.writeString(file, "garbage");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> KeyFile.loadOrCreate(file, new SecureRandom()))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyFileException.Reason.CORRUPT));
    assertThat(Files.readString(file)).isEqualTo("garbage");
  }

  private static String octal(String mode) {
    int bits = 0;
    for (int i = 0; i < 9; i++) {
      if (mode.charAt(i) != '-') {
        bits |= 0400 >>> i;
      }
    }
    return String.format("%03o", bits);
  }
}
