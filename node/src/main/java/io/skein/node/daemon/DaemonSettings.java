package io.skein.node.daemon;

import io.skein.crypto.Endpoint;
import io.skein.node.api.ApiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The daemon's settings, resolved from four layers, each overriding the one before: built-in
 * defaults, the config file ({@code --config} or {@code SKEIN_CONFIG}: a Java properties file whose
 * keys are the flag names, e.g. {@code listen = 0.0.0.0:7946}), environment variables ({@code
 * SKEIN_LISTEN}, ...) and flags. See {@link Setting} for the names. An empty value counts as given
 * (an empty {@code join} clears the list; an empty address is an error).
 *
 * @param dataDir the data directory
 * @param listen where the node listens for peers
 * @param advertise where peers are told to reach it, or {@code null} for the node's own choice
 * @param api where the HTTP API listens
 * @param apiToken the API's bearer token, or {@code null} for none (only on loopback)
 * @param join peers to join through; empty to rejoin through the last known peers
 * @param preset the timing preset
 * @param configFile the config file read, or {@code null}
 */
public record DaemonSettings(
    Path dataDir,
    Endpoint listen,
    Endpoint advertise,
    Endpoint api,
    String apiToken,
    List<Endpoint> join,
    Preset preset,
    Path configFile) {

  /** The node's default port: 7946 (memberlist's). */
  public static final int DEFAULT_NODE_PORT = 7946;

  /** Name of the default data directory under the user's home. */
  public static final String DEFAULT_DATA_DIR_NAME = ".skein";

  /** Largest config file read: 64 KiB. */
  public static final int MAX_CONFIG_BYTES = 64 * 1024;

  /** Largest token file read: 4 KiB. */
  public static final int MAX_TOKEN_FILE_BYTES = 4 * 1024;

  /** Most peers in {@code join}: 256. */
  public static final int MAX_JOIN_PEERS = 256;

  /** Timing presets, as in {@code NodeConfig}, {@code GossipConfig} and {@code DhtConfig}. */
  public enum Preset {
    /** Peers on one local network. */
    LAN,
    /** Peers across the internet. */
    WAN,
    /** Many nodes on one machine. */
    LOCAL
  }

  /** Checks the fields and copies the list. */
  public DaemonSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(preset, "preset");
    join = List.copyOf(join);
  }

  /** The API's config: {@link ApiConfig#defaults()} at {@link #api} with {@link #apiToken}. */
  public ApiConfig apiConfig() {
    return ApiConfig.defaults().withListen(api.host(), api.port()).withBearerToken(apiToken);
  }

  /** Resolves the settings with this process's environment and home directory. */
  public static DaemonSettings resolve(Map<String, String> flags) throws SettingsException {
    return resolve(flags, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Resolves the settings.
   *
   * @param flags values given as flags, by {@link Setting#key()} (only those given)
   * @param env the environment
   * @param home the user's home directory, for the default data directory
   * @throws SettingsException naming the setting, its source and the problem
   * @throws IllegalArgumentException if {@code flags} holds a key that is no flag
   */
  public static DaemonSettings resolve(
      Map<String, String> flags, Map<String, String> env, Path home) throws SettingsException {
    for (String key : flags.keySet()) {
      Setting s = Setting.byKey(key);
      if (s == null || !s.isFlag()) {
        throw new IllegalArgumentException("no such flag: --" + key);
      }
    }
    Layers layers = new Layers();
    for (Setting s : Setting.values()) {
      if (s.isFlag() && flags.containsKey(s.key())) {
        layers.flag(s, flags.get(s.key()));
      }
      if (env.containsKey(s.env())) {
        layers.env(s, env.get(s.env()));
      }
    }
    Value config = layers.get(Setting.CONFIG);
    Path configFile = null;
    if (config != null) {
      configFile = path(config);
      layers.configFile(configFile, readConfig(configFile));
    }

    Value presetValue = layers.get(Setting.PRESET);
    Preset preset = presetValue == null ? Preset.LAN : preset(presetValue);
    Value data = layers.get(Setting.DATA);
    Path dataDir = data == null ? home.resolve(DEFAULT_DATA_DIR_NAME) : path(data);
    Value listenValue = layers.get(Setting.LISTEN);
    Endpoint listen =
        listenValue == null
            ? new Endpoint(preset == Preset.LOCAL ? "127.0.0.1" : "0.0.0.0", DEFAULT_NODE_PORT)
            : endpoint(listenValue);
    Value advertiseValue = layers.get(Setting.ADVERTISE);
    Endpoint advertise = advertiseValue == null ? null : endpoint(advertiseValue);
    Value apiValue = layers.get(Setting.API);
    Endpoint api =
        apiValue == null
            ? new Endpoint(ApiConfig.DEFAULT_HOST, ApiConfig.DEFAULT_PORT)
            : endpoint(apiValue);
    Value joinValue = layers.get(Setting.JOIN);
    List<Endpoint> join = joinValue == null ? List.of() : endpoints(joinValue);
    String token = token(layers);
    checkApiExposure(api, apiValue, token);
    return new DaemonSettings(dataDir, listen, advertise, api, token, join, preset, configFile);
  }

  /** A value and where it came from, for messages. */
  private record Value(String text, String source, Path baseDir) {}

  /** The highest-precedence value of each setting seen so far; later layers win. */
  private static final class Layers {
    private final Map<Setting, Value> flags = new EnumMap<>(Setting.class);
    private final Map<Setting, Value> env = new EnumMap<>(Setting.class);
    private final Map<Setting, Value> file = new EnumMap<>(Setting.class);

    void flag(Setting s, String text) {
      flags.put(s, new Value(text, "--" + s.key(), null));
    }

    void env(Setting s, String text) {
      env.put(s, new Value(text, s.env(), null));
    }

    void configFile(Path path, Map<Setting, String> values) {
      values.forEach(
          (s, text) -> file.put(s, new Value(text, path + ": " + s.key(), path.getParent())));
    }

    /** The value of the highest layer that gives {@code s}, or {@code null}. */
    Value get(Setting s) {
      Value v = flags.get(s);
      if (v == null) {
        v = env.get(s);
      }
      return v != null ? v : file.get(s);
    }

    /** Which layer gave {@code s}: 3 flags, 2 environment, 1 config file, 0 none. */
    int layerOf(Setting s) {
      return flags.containsKey(s) ? 3 : env.containsKey(s) ? 2 : file.containsKey(s) ? 1 : 0;
    }
  }

  private static Map<Setting, String> readConfig(Path file) throws SettingsException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new SettingsException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new SettingsException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new SettingsException(
          "config file " + file + " is larger than " + MAX_CONFIG_BYTES + " bytes");
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(utf8(bytes, "config file " + file)));
    } catch (IOException | IllegalArgumentException e) {
      throw new SettingsException("config file " + file + " is malformed: " + e.getMessage(), e);
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (String key : properties.stringPropertyNames()) {
      Setting s = Setting.byKey(key);
      if (s == null || !s.inConfigFile()) {
        throw new SettingsException(
            "config file "
                + file
                + " has an unknown key "
                + quote(key)
                + " (known: "
                + keys()
                + ")");
      }
      values.put(s, properties.getProperty(key).strip());
    }
    return values;
  }

  private static String keys() {
    List<String> keys = new ArrayList<>();
    for (Setting s : Setting.values()) {
      if (s.inConfigFile()) {
        keys.add(s.key());
      }
    }
    return String.join(", ", keys);
  }

  private static String token(Layers layers) throws SettingsException {
    int fileLayer = layers.layerOf(Setting.API_TOKEN_FILE);
    int valueLayer = layers.layerOf(Setting.API_TOKEN);
    if (fileLayer == 0 && valueLayer == 0) {
      return null;
    }
    if (fileLayer == valueLayer) {
      throw new SettingsException(
          "give the API token once: both "
              + layers.get(Setting.API_TOKEN).source()
              + " and "
              + layers.get(Setting.API_TOKEN_FILE).source()
              + " are set");
    }
    String token;
    String source;
    if (fileLayer > valueLayer) {
      Value v = layers.get(Setting.API_TOKEN_FILE);
      Path file = path(v);
      token = readTokenFile(file, v.source());
      source = "token file " + file + " (" + v.source() + ")";
    } else {
      Value v = layers.get(Setting.API_TOKEN);
      token = v.text().strip();
      source = v.source();
    }
    try {
      ApiConfig.checkToken(token);
    } catch (IllegalArgumentException e) {
      throw new SettingsException("bad API token from " + source + ": " + e.getMessage());
    }
    return token;
  }

  private static String readTokenFile(Path file, String source) throws SettingsException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new SettingsException("API token file " + file + " (" + source + ") does not exist");
    } catch (IOException e) {
      throw new SettingsException(
          "cannot read API token file " + file + " (" + source + "): " + e.getMessage(), e);
    }
    if (bytes.length > MAX_TOKEN_FILE_BYTES) {
      throw new SettingsException(
          "API token file " + file + " is larger than " + MAX_TOKEN_FILE_BYTES + " bytes");
    }
    return utf8(bytes, "API token file " + file).strip();
  }

  private static void checkApiExposure(Endpoint api, Value apiValue, String token)
      throws SettingsException {
    if (token != null) {
      return;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(api.host());
    } catch (UnknownHostException e) {
      throw new SettingsException(
          "cannot resolve the API host " + quote(api.host()) + " (" + apiValue.source() + ")");
    }
    if (!address.isLoopbackAddress()) {
      throw new SettingsException(
          "the API address "
              + api
              + " ("
              + apiValue.source()
              + ") is not loopback, so it needs a bearer token ("
              + Setting.API_TOKEN.env()
              + " or --"
              + Setting.API_TOKEN_FILE.key()
              + "): the API writes records with the node's key");
    }
  }

  private static Preset preset(Value v) throws SettingsException {
    switch (v.text().strip().toLowerCase(Locale.ROOT)) {
      case "lan":
        return Preset.LAN;
      case "wan":
        return Preset.WAN;
      case "local":
        return Preset.LOCAL;
      default:
        throw new SettingsException(
            "bad preset " + quote(v.text()) + " (" + v.source() + "): expected lan, wan or local");
    }
  }

  private static Endpoint endpoint(Value v) throws SettingsException {
    try {
      return Endpoint.parse(v.text());
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage() + " (" + v.source() + ")");
    }
  }

  private static List<Endpoint> endpoints(Value v) throws SettingsException {
    List<Endpoint> out = new ArrayList<>();
    for (String part : v.text().split(",", -1)) {
      if (part.isBlank()) {
        continue;
      }
      if (out.size() == MAX_JOIN_PEERS) {
        throw new SettingsException(
            "more than " + MAX_JOIN_PEERS + " peers to join (" + v.source() + ")");
      }
      out.add(endpoint(new Value(part, v.source(), v.baseDir())));
    }
    return out;
  }

  private static Path path(Value v) throws SettingsException {
    String text = v.text().strip();
    if (text.isEmpty()) {
      throw new SettingsException("empty path (" + v.source() + ")");
    }
    try {
      Path p = Path.of(text);
      return v.baseDir() == null || p.isAbsolute() ? p : v.baseDir().resolve(p);
    } catch (InvalidPathException e) {
      throw new SettingsException("bad path " + quote(text) + " (" + v.source() + ")");
    }
  }

  private static String utf8(byte[] bytes, String what) throws SettingsException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SettingsException(what + " is not UTF-8 text");
    }
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < Math.min(s.length(), 80); i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.append(s.length() > 80 ? "...'" : "'").toString();
  }

  @Override
  public String toString() {
    return "DaemonSettings[dataDir="
        + dataDir
        + ", listen="
        + listen
        + ", advertise="
        + advertise
        + ", api="
        + api
        + ", apiToken="
        + (apiToken == null ? "none" : "set")
        + ", join="
        + join
        + ", preset="
        + preset
        + ", configFile="
        + configFile
        + "]";
  }
}
