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
    subcommands = {
      CommandLine.HelpCommand.class,
      KeygenCommand.class,
      MembersCommand.class,
      StatusCommand.class,
      PutCommand.class,
      GetCommand.class
    },
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

  private final CliEnvironment environment;

  private SkeinCli(CliEnvironment environment) {
    this.environment = environment;
  }

  /** Builds the command line with Skein's error handling over this process's environment. */
  static CommandLine commandLine() {
    return commandLine(CliEnvironment.system());
  }

  /** Builds the command line with Skein's error handling over {@code environment}. */
  static CommandLine commandLine(CliEnvironment environment) {
    CommandLine cmd = new CommandLine(new SkeinCli(environment));
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd;
  }

  /** Environment variables and standard streams for the commands. */
  CliEnvironment environment() {
    return environment;
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
