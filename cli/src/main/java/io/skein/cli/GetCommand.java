package io.skein.cli;

import io.skein.dht.Consistency;
import io.skein.node.api.Names;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code skein get}: writes a value's bytes to standard output. */
@Command(
    name = "get",
    header = "Writes a value's bytes to standard output.",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the value's bytes to standard output as they are (no newline added).",
      "KEY is NAME (a mutable value in this node's namespace), NAMESPACE/NAME",
      "(any node's) or a content key of 64 hex digits (an immutable value). A NAME",
      "of 64 hex digits reads as a content key: use NAMESPACE/NAME for it."
    })
final class GetCommand extends ApiCommand {
  @Option(
      names = "--consistency",
      paramLabel = "LEVEL",
      description = "Replicas that must agree: one, quorum or all (default: quorum).")
  Consistency consistency;

  @Parameters(index = "0", paramLabel = "KEY", description = "NAME, NAMESPACE/NAME or CONTENTKEY.")
  String key;

  @Override
  public Integer call() {
    String path = path(key);
    if (consistency != null) {
      path += "?consistency=" + consistency.name().toLowerCase(Locale.ROOT);
    }
    ApiClient.Response response = ApiClient.check(client().get(path, json));
    if (json) {
      printJson(response);
      return ExitCodes.OK;
    }
    try {
      OutputStream stdout = environment().stdout();
      stdout.write(response.body());
      stdout.flush();
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED, "cannot write standard output: " + e.getMessage(), e);
    }
    return ExitCodes.OK;
  }

  /** The API path that reads {@code key}. */
  static String path(String key) {
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String namespace = key.substring(0, slash);
      if (!isHex64(namespace)) {
        throw new CliException(
            ExitCodes.USAGE,
            "bad key: the part before '/' must be a namespace of 64 hex digits, got "
                + namespace.length()
                + " characters");
      }
      String name = key.substring(slash + 1);
      checkName(name);
      return "/v1/values/"
          + namespace.toLowerCase(Locale.ROOT)
          + "/"
          + ApiClient.encodeSegment(name);
    }
    if (isHex64(key)) {
      return "/v1/immutable/" + key.toLowerCase(Locale.ROOT);
    }
    checkName(key);
    return "/v1/values/" + ApiClient.encodeSegment(key);
  }

  private static void checkName(String name) {
    String problem = Names.nameProblem(name);
    if (problem != null) {
      throw new CliException(ExitCodes.USAGE, "bad name: " + problem);
    }
  }

  private static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
