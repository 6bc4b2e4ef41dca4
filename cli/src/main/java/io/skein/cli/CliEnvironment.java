package io.skein.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may read and write besides its arguments: environment variables, standard input
 * and standard output as bytes (for values, which need not be text). Tests pass their own.
 *
 * @param variables the environment
 * @param stdin standard input
 * @param stdout standard output, for raw bytes; text goes through picocli's writer
 */
record CliEnvironment(Map<String, String> variables, InputStream stdin, OutputStream stdout) {
  CliEnvironment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
  }

  /** This process's environment and standard streams. */
  static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), System.in, System.out);
  }

  /** The variable's value, or {@code null} if unset. */
  String get(String name) {
    return variables.get(name);
  }
}
