package io.skein.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's commands: the three-node walkthrough runs in bash exactly as written (only {@code
 * ./skein} is a script that runs this build's classes, the ports are free ones and the data
 * directory is under the test's), and every other {@code skein} command line in its code blocks
 * parses as the CLI defines it, so the README cannot drift from the program.
 */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();
  private static final String WALKTHROUGH_MARKER = "<!-- walkthrough:";
  private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:(79\\d\\d)");
  private static final Pattern COMMAND =
      Pattern.compile("(?:^|[\\s(=])(?:\\./)?skein ((?:[^#\\n)\\\\])*)");

  @TempDir Path tmp;

  private Process shell;

  @AfterEach
  void killTheWalkthroughsProcesses() throws Exception {
    if (shell != null) {
      // the shell leads its own session (setsid): this reaches the nodes it left behind too
      new ProcessBuilder("kill", "-9", "--", "-" + shell.pid()).start().waitFor();
    }
  }

  private static List<String> codeBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        if (block == null) {
          block = new StringBuilder();
        } else {
          blocks.add(block.toString());
          block = null;
        }
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  private static String walkthrough() throws IOException {
    String text = Files.readString(README, StandardCharsets.UTF_8);
    int marker = text.indexOf(WALKTHROUGH_MARKER);
    assertThat(marker).as("README has the walkthrough marker").isPositive();
    int start = text.indexOf("```bash\n", marker) + "```bash\n".length();
    return text.substring(start, text.indexOf("```", start));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theThreeNodeWalkthroughRunsAsWritten() throws Exception {
    Path skein = tmp.resolve("skein");
    Files.writeString(
        skein,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -Xmx256m -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + SkeinCli.class.getName()
            + " \"$@\"\n");
    Files.setPosixFilePermissions(skein, PosixFilePermissions.fromString("rwx------"));

    String script = walkthrough();
    int base = DaemonCommandsTest.freeRange(6);
    Map<String, String> ports = new HashMap<>();
    Matcher m = LOOPBACK_PORT.matcher(script);
    StringBuilder replaced = new StringBuilder();
    while (m.find()) {
      String port = ports.get(m.group(1));
      if (port == null) {
        port = Integer.toString(base + ports.size());
        ports.put(m.group(1), port);
      }
      m.appendReplacement(replaced, "127.0.0.1:" + port);
    }
    m.appendTail(replaced);
    assertThat(ports).as("the walkthrough's ports").hasSize(6);
    String run =
        "set -e\n"
            + replaced
                .toString()
                .replace("./skein ", "'" + skein + "' ")
                .replace("$(mktemp -d)", "$(mktemp -d -p '" + tmp + "')");

    Path scriptFile = tmp.resolve("walkthrough.sh");
    Files.writeString(scriptFile, run);
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    shell =
        new ProcessBuilder("setsid", "bash", scriptFile.toString())
            .directory(tmp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(shell.waitFor(3, TimeUnit.MINUTES)).as("walkthrough finished").isTrue();
    String stdout = Files.readString(out);
    assertThat(shell.exitValue()).as(stdout + Files.readString(err)).isZero();
    assertThat(stdout.split("hello, skein", -1)).as(stdout).hasSize(4);
    assertThat(stdout).containsPattern("skein \\d+\\.\\d+");
  }

  @Test
  void everySkeinCommandLineInTheReadmeParses() throws IOException {
    Map<String, String> placeholders = new HashMap<>();
    placeholders.put("<namespace>", "ab".repeat(32));
    placeholders.put("NAMESPACE", "ab".repeat(32));
    placeholders.put("CONTENTKEY", "cd".repeat(32));
    placeholders.put("$KEY", "cd".repeat(32));
    placeholders.put("$D", "/tmp/d");
    placeholders.put("NAME", "greeting");
    placeholders.put("VALUE", "hello");
    List<String> parsed = new ArrayList<>();
    for (String block : codeBlocks()) {
      Matcher m = COMMAND.matcher(block);
      while (m.find()) {
        String line = m.group(1).strip();
        if (line.contains("[") || line.contains("HOST:PORT")) {
          continue; // a synopsis, not a command
        }
        int redirect = line.indexOf(" >");
        if (redirect >= 0) {
          line = line.substring(0, redirect);
        }
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
          line = line.replace(p.getKey(), p.getValue());
        }
        List<String> args = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (word.find()) {
          args.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        CommandLine cli = SkeinCli.commandLine(CliEnvironment.system());
        try {
          cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          throw new AssertionError("README: skein " + line + ": " + e.getMessage(), e);
        }
        parsed.add(line);
      }
    }
    assertThat(parsed).hasSizeGreaterThan(15).anyMatch(l -> l.startsWith("testnet --peers"));
  }
}
