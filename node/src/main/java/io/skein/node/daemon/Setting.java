package io.skein.node.daemon;

/**
 * The daemon's settings, each with its name (the flag {@code --name} and the config file key) and
 * its environment variable. Precedence: defaults, then the config file, then environment variables,
 * then flags.
 */
public enum Setting {
  /** The config file (flag and environment only). */
  CONFIG("config", "SKEIN_CONFIG", true, false),
  /** The data directory. Default {@code ~/.skein}. */
  DATA("data", "SKEIN_DATA", true, true),
  /** host:port the node listens on. Default 0.0.0.0:7946 (lan, wan), 127.0.0.1:7946 (local). */
  LISTEN("listen", "SKEIN_LISTEN", true, true),
  /** host:port peers are told to reach this node at. Default: the node's own choice. */
  ADVERTISE("advertise", "SKEIN_ADVERTISE", true, true),
  /** host:port of the HTTP API. Default 127.0.0.1:7947. */
  API("api", "SKEIN_API", true, true),
  /** A file holding the API's bearer token. */
  API_TOKEN_FILE("api-token-file", "SKEIN_API_TOKEN_FILE", true, true),
  /** The API's bearer token itself (environment and config file only: flags show in ps). */
  API_TOKEN("api-token", "SKEIN_API_TOKEN", false, true),
  /** Comma-separated host:port of peers to join through. Default none (the last known peers). */
  JOIN("join", "SKEIN_JOIN", true, true),
  /** Timing preset: lan, wan or local. Default lan. */
  PRESET("preset", "SKEIN_PRESET", true, true);

  private final String key;
  private final String env;
  private final boolean flag;
  private final boolean inConfigFile;

  Setting(String key, String env, boolean flag, boolean inConfigFile) {
    this.key = key;
    this.env = env;
    this.flag = flag;
    this.inConfigFile = inConfigFile;
  }

  /** The flag name without dashes and the config file key: "listen". */
  public String key() {
    return key;
  }

  /** The environment variable: "SKEIN_LISTEN". */
  public String env() {
    return env;
  }

  /** Whether it may be given as a flag. */
  public boolean isFlag() {
    return flag;
  }

  /** Whether it may be given in the config file. */
  public boolean inConfigFile() {
    return inConfigFile;
  }

  /** The setting whose config file key is {@code key}, or {@code null}. */
  static Setting byKey(String key) {
    for (Setting s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    return null;
  }
}
