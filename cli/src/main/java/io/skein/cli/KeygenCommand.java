package io.skein.cli;

import io.skein.crypto.KeyFile;
import io.skein.crypto.KeyFileException;
import io.skein.crypto.KeyPair;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code skein keygen}: creates a node identity (Ed25519 key file, mode 0600). */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a new node identity: an Ed25519 key file readable only by its owner (mode 0600).",
      "A node creates its key on first start by itself; use this to make one ahead of time",
      "(put it in the node's data directory as node.key)."
    })
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--file"},
      paramLabel = "PATH",
      description = "Where to write the key (default: ${DEFAULT-VALUE}).",
      defaultValue = "node.key")
  Path file;

  @Option(names = "--force", description = "Replace an existing key file (its identity is lost).")
  boolean force;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    KeyPair keys = KeyPair.generate(new SecureRandom());
    try {
      KeyFile.write(file, keys, force);
    } catch (KeyFileException e) {
      int code = e.reason() == KeyFileException.Reason.EXISTS ? ExitCodes.USAGE : ExitCodes.FAILED;
      String hint = e.reason() == KeyFileException.Reason.EXISTS ? " (use --force to replace)" : "";
      throw new CliException(code, e.getMessage() + hint, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    String publicKey = keys.publicKey().hex();
    String nodeId = keys.nodeId().hex();
    if (json) {
      out.printf(
          "{\"file\":\"%s\",\"publicKey\":\"%s\",\"nodeId\":\"%s\"}%n",
          Json.escape(file.toString()), publicKey, nodeId);
    } else {
      out.println("key file:   " + file);
      out.println("public key: " + publicKey);
      out.println("node id:    " + nodeId);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
