package io.skein.node.daemon;

/**
 * A setting has a bad value, or the config file cannot be read. {@link #getMessage()} is one line
 * naming the setting, where its value came from (flag, environment variable or config file) and
 * what is wrong; it never contains a token.
 */
public final class SettingsException extends Exception {
  private static final long serialVersionUID = 1L;

  SettingsException(String message) {
    super(message);
  }

  SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
