package io.skein.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code skein members}: the members the node knows, with their state. */
@Command(
    name = "members",
    header = "Lists the members the node knows and their state.",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the members the node knows: id, address, state (alive, suspect, dead or left)",
      "and incarnation. --json prints the API's array as it is."
    })
final class MembersCommand extends ApiCommand {
  @Override
  public Integer call() {
    ApiClient.Response response = ApiClient.check(client().get("/v1/members", true));
    if (json) {
      printJson(response);
      return ExitCodes.OK;
    }
    JsonNode members = response.json();
    if (!members.isArray()) {
      throw new CliException(ExitCodes.FAILED, "the node's member list is not a JSON array");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "ADDRESS", "STATE", "INCARNATION"});
    for (JsonNode m : members) {
      rows.add(
          new String[] {
            text(m, "id"), text(m, "address"), text(m, "state"), text(m, "incarnation")
          });
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      out()
          .printf(
              "%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n",
              row[0],
              row[1],
              row[2],
              row[3]);
    }
    out().flush();
    return ExitCodes.OK;
  }
}
