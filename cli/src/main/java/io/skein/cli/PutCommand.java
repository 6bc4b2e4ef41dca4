package io.skein.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.skein.dht.Consistency;
import io.skein.node.api.ApiLimits;
import io.skein.node.api.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code skein put}: stores a value under this node's key, or as an immutable value. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "skein put [OPTIONS] NAME VALUE|-",
      "       skein put --immutable [OPTIONS] VALUE|-"
    },
    header = "Stores a value: mutable under this node's key, or immutable.",
    description = {
      "Stores VALUE (or standard input for -, at most 65,536 bytes) as a mutable",
      "record named NAME in this node's namespace, signed with its key, and prints",
      "the full key NAMESPACE/NAME on stdout and how many replicas acknowledged it",
      "on stderr (so KEY=$(skein put ...) captures the key alone).",
      "With --immutable, stores VALUE at its content key (SHA-256 of the value)",
      "and prints that key. NAME is 1 to 64 bytes of UTF-8, without '/' or",
      "control characters."
    })
final class PutCommand extends ApiCommand {
  @Option(names = "--immutable", description = "Store an immutable value at its content key.")
  boolean immutable;

  @Option(
      names = "--consistency",
      paramLabel = "LEVEL",
      description = "Replicas that must acknowledge: one, quorum or all (default: quorum).")
  Consistency consistency;

  @Option(
      names = "--cas",
      paramLabel = "SEQ",
      description = "Only replace the value if its current seq is SEQ (compare-and-swap).")
  Long cas;

  @Parameters(arity = "1..2", paramLabel = "ARGS", description = "NAME VALUE, or VALUE.")
  List<String> args;

  @Override
  public Integer call() {
    String name = null;
    String valueArg;
    if (immutable) {
      if (args.size() != 1) {
        throw usage("put --immutable takes one argument, VALUE (or - for standard input)");
      }
      if (cas != null) {
        throw usage("--cas applies to mutable values only");
      }
      valueArg = args.get(0);
    } else {
      if (args.size() != 2) {
        throw usage("put takes NAME and VALUE (or - for standard input); or --immutable VALUE");
      }
      name = args.get(0);
      String problem = Names.nameProblem(name);
      if (problem != null) {
        throw usage("bad name: " + problem);
      }
      valueArg = args.get(1);
    }
    if (cas != null && cas < 0) {
      throw usage("--cas must not be negative");
    }
    byte[] value = valueArg.equals("-") ? readStdin() : valueArg.getBytes(StandardCharsets.UTF_8);
    if (value.length > ApiLimits.MAX_VALUE_BYTES) {
      throw tooLarge(value.length);
    }
    StringBuilder path =
        new StringBuilder(
            immutable ? "/v1/immutable" : "/v1/values/" + ApiClient.encodeSegment(name));
    char sep = '?';
    if (consistency != null) {
      path.append(sep).append("consistency=").append(consistency.name().toLowerCase(Locale.ROOT));
      sep = '&';
    }
    if (cas != null) {
      path.append(sep).append("cas=").append(cas);
    }
    ApiClient.Response response = ApiClient.check(client().put(path.toString(), value));
    if (json) {
      printJson(response);
      return ExitCodes.OK;
    }
    JsonNode r = response.json();
    out().println(text(r, "key"));
    out().flush();
    // the key alone on stdout, so KEY=$(skein put ...) works; the report goes to stderr
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "acknowledged by "
            + text(r, "acked")
            + " of "
            + text(r, "replicas")
            + " replicas ("
            + text(r, "consistency")
            + " needs "
            + text(r, "required")
            + ")"
            + (r.has("seq") ? ", seq " + text(r, "seq") : ""));
    err.flush();
    return ExitCodes.OK;
  }

  private byte[] readStdin() {
    try {
      InputStream in = environment().stdin();
      byte[] value = in.readNBytes(ApiLimits.MAX_VALUE_BYTES + 1);
      if (value.length > ApiLimits.MAX_VALUE_BYTES) {
        throw tooLarge(value.length);
      }
      return value;
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, "cannot read standard input: " + e.getMessage(), e);
    }
  }

  private static CliException tooLarge(int bytes) {
    return new CliException(
        ExitCodes.REJECTED,
        "the value is too large: "
            + (bytes > ApiLimits.MAX_VALUE_BYTES ? "more than " : "")
            + ApiLimits.MAX_VALUE_BYTES
            + " bytes is the limit");
  }

  private static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }
}
