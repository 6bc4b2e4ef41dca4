package io.skein.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command that talks to a node's API shares: its options, output and client. */
abstract class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand SkeinCli parent;

  @Mixin ApiOptions apiOptions;

  @Option(names = "--json", description = "Print the node's answer as JSON.")
  boolean json;

  CliEnvironment environment() {
    return parent.environment();
  }

  ApiClient client() {
    return apiOptions.client(environment());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints the API's JSON answer as it came, on one line. */
  void printJson(ApiClient.Response response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    out().print(text.endsWith("\n") ? text : text + "\n");
    out().flush();
  }

  /** The text of {@code field}, or "?" when the node did not send it. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "?" : ApiClient.oneLine(value.asText());
  }
}
