package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of damaged key file is reported as corrupt, in one line, without key material. */
class KeyFileCorruptionTest {
  private static final String SEED =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String OTHER_PUBLIC =
      "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
  private static final String VALID =
      "skein-key v1 ed25519\nseed " + SEED + "\npublic " + PUBLIC + "\n";

  @TempDir Path dir;

  private Path keyFile(String content) throws IOException {
    Path file = dir.resolve("node.key");
    Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "EMPTY                    | it is empty",
        "skein-key v2 ed25519\\n  | its format 'skein-key v2 ed25519' is not one this version reads"
            + " ('skein-key v1 ed25519')",
        "ssh-ed25519 AAAA\\n      | its first line is not the header 'skein-key v1 ed25519'",
        "HEADER_ONLY              | it has 1 lines, expected 3 (header, seed, public)",
        "BAD_SEED_HEX             | line 2: the seed is not 64 hex digits (found 64 characters)",
        "SHORT_SEED               | line 2: the seed is not 64 hex digits (found 62 characters)",
        "LONG_PUBLIC              | line 3: the public key is not 64 hex digits (found 66 characters)",
        "NO_SEED_LABEL            | line 2 does not start with 'seed '",
        "MISMATCH                 | its public key does not match its seed",
        "EXTRA_LINE               | it has 4 lines, expected 3 (header, seed, public)",
        "BINARY                   | it contains bytes that are not text",
        "HUGE                     | it is larger than 1024 bytes",
      })
  void damagedFilesAreCorrupt(String variant, String problem) throws IOException {
    Path file = keyFile(content(variant));
    assertThatThrownBy(() -> KeyFile.load(file))
        .isInstanceOfSatisfying(
            KeyFileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(KeyFileException.Reason.CORRUPT);
              assertThat(e.getMessage())
                  .isEqualTo("key file " + file + " is corrupt: " + problem)
                  .doesNotContain("\n")
                  .doesNotContainIgnoringCase(SEED.substring(0, 16))
                  .doesNotContainIgnoringCase(SEED.substring(40));
            });
  }

  private static String content(String variant) {
    return switch (variant) {
      case "EMPTY" -> "";
      case "HEADER_ONLY" -> "skein-key v1 ed25519\n";
      case "BAD_SEED_HEX" -> VALID.replace(SEED, SEED.replace('9', 'g'));
      case "SHORT_SEED" -> VALID.replace(SEED, SEED.substring(2));
      case "LONG_PUBLIC" -> VALID.replace(PUBLIC, PUBLIC + "00");
      case "NO_SEED_LABEL" -> VALID.replace("seed ", "sead ");
      case "MISMATCH" -> VALID.replace(PUBLIC, OTHER_PUBLIC);
      case "EXTRA_LINE" -> VALID + "trailing\n";
      case "BINARY" -> VALID.replace('d', '\u00e9');
      case "HUGE" -> VALID + "#".repeat(1024) + "\n";
      default -> variant.strip().replace("\\n", "\n");
    };
  }

  @Test
  void everySingleByteChangeIsCaughtOrHarmless() throws IOException {
    // Changing any byte must never yield a different identity: either the file is reported
    // as corrupt, or it decodes to the same key (hex case and line ends are not significant).
    byte[] valid = VALID.getBytes(StandardCharsets.US_ASCII);
    PublicKey expected = PublicKey.fromHex(PUBLIC);
    for (int i = 0; i < valid.length; i++) {
      for (int delta : new int[] {1, 0x20, 0x7f}) {
        byte[] damaged = valid.clone();
        damaged[i] = (byte) (damaged[i] ^ delta);
        try {
          assertThat(KeyFileFormat.decode(damaged).publicKey())
              .as("byte %d", i)
              .isEqualTo(expected);
        } catch (IllegalArgumentException corrupt) {
          assertThat(corrupt.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Test
  void readersAcceptCrlfUppercaseHexAndNoFinalNewline() throws IOException {
    String upper =
        "skein-key v1 ed25519\r\nseed "
            + SEED.toUpperCase(java.util.Locale.ROOT)
            + "\r\npublic "
            + PUBLIC;
    assertThat(KeyFile.load(keyFile(upper)).publicKey().hex()).isEqualTo(PUBLIC);
  }

  @Test
  void encodeIsTheDocumentedFormat() {
    KeyPair key = KeyPair.fromSeed(HexFormat.of().parseHex(SEED));
    assertThat(new String(KeyFileFormat.encode(key), StandardCharsets.US_ASCII)).isEqualTo(VALID);
    assertThat(KeyFileFormat.encode(key)).hasSizeLessThan(KeyFileFormat.MAX_BYTES);
  }
}
