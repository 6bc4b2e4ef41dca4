package io.skein.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Sets the level of the process's log (logback's root logger) from a {@code --log-level} value. */
final class LogLevel {
  private LogLevel() {}

  /**
   * Sets the root level.
   *
   * @throws CliException with {@link ExitCodes#USAGE} if {@code name} is no level
   */
  static void set(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    Level level = Level.toLevel(upper, null);
    if (level == null || !level.toString().equals(upper)) {
      throw new CliException(
          ExitCodes.USAGE,
          "--log-level: unknown level '" + name + "' (use error, warn, info, debug or trace)");
    }
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(level);
    }
  }
}
