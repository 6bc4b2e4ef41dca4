package io.skein.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import picocli.CommandLine.Command;

/** {@code skein status}: the node's identity, address and counts. */
@Command(
    name = "status",
    header = "Shows the node's identity, address and counts.",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the node's id, namespace (its public key), address, incarnation, uptime,",
      "members by state, records stored and routing table size."
    })
final class StatusCommand extends ApiCommand {
  @Override
  public Integer call() {
    ApiClient.Response response = ApiClient.check(client().get("/v1/status", true));
    if (json) {
      printJson(response);
      return ExitCodes.OK;
    }
    JsonNode s = response.json();
    JsonNode members = s.path("members");
    out().println("node id:      " + text(s, "id"));
    out().println("namespace:    " + text(s, "publicKey"));
    out().println("address:      " + text(s, "address"));
    out().println("incarnation:  " + text(s, "incarnation"));
    out().println("uptime:       " + uptime(s.path("uptimeMillis").asLong(-1)));
    out()
        .println(
            "members:      "
                + text(members, "alive")
                + " alive, "
                + text(members, "suspect")
                + " suspect, "
                + text(members, "dead")
                + " dead, "
                + text(members, "left")
                + " left");
    out().println("records:      " + text(s, "recordsStored"));
    out().println("routing:      " + text(s, "routingContacts") + " contacts");
    out().flush();
    return ExitCodes.OK;
  }

  /** "1d 2h 3m 4s", leading zero units left out. */
  static String uptime(long millis) {
    if (millis < 0) {
      return "?";
    }
    Duration d = Duration.ofMillis(millis);
    StringBuilder out = new StringBuilder();
    if (d.toDays() > 0) {
      out.append(d.toDays()).append("d ");
    }
    if (out.length() > 0 || d.toHoursPart() > 0) {
      out.append(d.toHoursPart()).append("h ");
    }
    if (out.length() > 0 || d.toMinutesPart() > 0) {
      out.append(d.toMinutesPart()).append("m ");
    }
    return out.append(d.toSecondsPart()).append('s').toString();
  }
}
