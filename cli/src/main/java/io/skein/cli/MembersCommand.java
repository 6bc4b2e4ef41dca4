package io.skein.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skein members}: the members the node knows, with their state. */
@Command(
    name = "members",
    header = "Lists the members the node knows and their state.",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the members the node knows: id, address, state (alive, suspect, dead or left)",
      "and incarnation. --json prints the API's array as it is.",
      "With --wait-alive N it first waits (also for the node's API to come up) until the",
      "node sees at least N members alive, itself included: for scripts that start nodes."
    })
final class MembersCommand extends ApiCommand {
  /** Pause between two looks while waiting: 200 ms, a fifth of a SWIM probe interval. */
  static final long POLL_INTERVAL_MILLIS = 200;

  @Option(
      names = "--wait-alive",
      paramLabel = "N",
      description = "Wait until the node sees at least N members alive (itself included).")
  Integer waitAlive;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How long --wait-alive waits before it fails (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    if (waitAlive != null && waitAlive < 1) {
      throw new CliException(ExitCodes.USAGE, "--wait-alive must be at least 1, got " + waitAlive);
    }
    if (timeoutSeconds < 0) {
      throw new CliException(ExitCodes.USAGE, "--timeout must be 0 or more, got " + timeoutSeconds);
    }
    ApiClient.Response response =
        waitAlive == null ? ApiClient.check(client().get("/v1/members", true)) : awaitAlive();
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

  /**
   * The member list once at least {@link #waitAlive} are alive; fails after the timeout. A
   * single-threaded scheduler looks every {@link #POLL_INTERVAL_MILLIS} and completes the result.
   */
  private ApiClient.Response awaitAlive() throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    CompletableFuture<ApiClient.Response> result = new CompletableFuture<>();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "skein-members-wait");
              t.setDaemon(true);
              return t;
            });
    try {
      scheduler.scheduleWithFixedDelay(
          () -> look(deadline, result), 0, POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CliException c) {
        throw c;
      }
      throw new CliException(ExitCodes.FAILED, "waiting failed: " + e.getCause(), e);
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** One look at the member list: completes {@code result} when enough are alive or time is up. */
  private void look(long deadline, CompletableFuture<ApiClient.Response> result) {
    if (result.isDone()) {
      return;
    }
    CliException last = null;
    long alive = -1;
    try {
      ApiClient.Response response = ApiClient.check(client().get("/v1/members", true));
      alive = countAlive(response.json());
      if (alive >= waitAlive) {
        result.complete(response);
        return;
      }
    } catch (CliException e) {
      if (e.exitCode() != ExitCodes.UNREACHABLE) {
        result.completeExceptionally(e);
        return;
      }
      last = e;
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    if (System.nanoTime() - deadline >= 0) {
      result.completeExceptionally(
          last != null
              ? new CliException(
                  ExitCodes.UNREACHABLE,
                  "still unreachable after " + timeoutSeconds + " s: " + last.getMessage(),
                  last)
              : new CliException(
                  ExitCodes.FAILED,
                  alive
                      + " members alive after "
                      + timeoutSeconds
                      + " s, waited for "
                      + waitAlive));
    }
  }

  private static long countAlive(JsonNode members) {
    long n = 0;
    for (JsonNode m : members) {
      if ("alive".equals(text(m, "state"))) {
        n++;
      }
    }
    return n;
  }
}
