package io.skein.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.KeyFile;
import io.skein.crypto.KeyPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SkeinCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = SkeinCli.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void versionPrintsTheProjectVersionAndExitsZero() {
    assertThat(run("--version")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("skein ").doesNotContain("unknown");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("a command is required").contains("Usage: skein");
  }

  @Test
  void unknownOptionIsAUsageErrorWithoutStackTrace() {
    assertThat(run("--bogus")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Unknown option: '--bogus'").doesNotContain("Exception");
  }

  @Test
  void keygenWritesALoadableKeyFileWithOwnerOnlyMode(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.key");
    assertThat(run("keygen", "--file", file.toString())).isEqualTo(ExitCodes.OK);
    KeyPair keys = KeyFile.load(file);
    assertThat(out.toString()).contains(keys.publicKey().hex()).contains(keys.nodeId().hex());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void keygenRefusesToReplaceAnIdentityWithoutForce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.key");
    assertThat(run("keygen", "--file", file.toString())).isEqualTo(ExitCodes.OK);
    byte[] before = Files.readAllBytes(file);
    assertThat(run("keygen", "--file", file.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .startsWith("skein: ")
        .contains("--force")
        .doesNotContain("Exception");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(run("keygen", "--force", "--json", "--file", file.toString()))
        .isEqualTo(ExitCodes.OK);
    assertThat(Files.readAllBytes(file)).isNotEqualTo(before);
    assertThat(out.toString()).contains("\"publicKey\":\"" + KeyFile.load(file).publicKey().hex());
  }
}
