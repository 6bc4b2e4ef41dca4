package io.skein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code skein} command: entry point of the launcher and of the distribution's bin/skein. */
@Command(
    name = "skein",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Skein: a peer-to-peer overlay with SWIM gossip, a Kademlia DHT and signed records.",
    subcommands = {CommandLine.HelpCommand.class, KeygenCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:not found",
      "2:usage error",
      "3:node unreachable",
      "4:rejected (bad signature, seq too low, CAS mismatch, too large)",
      "5:other failure"
    })
public final class SkeinCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Builds the command line with Skein's error handling. */
  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new SkeinCli());
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    return cmd;
  }

  /** Runs {@code skein} with these arguments and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
