package io.skein.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skein.crypto.Endpoint;
import io.skein.node.api.ApiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonSettingsTest {
  static final String TOKEN = "token-abcdefghijklmnop";

  @TempDir Path tmp;
  final Map<String, String> flags = new HashMap<>();
  final Map<String, String> env = new HashMap<>();

  private DaemonSettings resolve() throws SettingsException {
    return DaemonSettings.resolve(flags, env, tmp.resolve("home"));
  }

  private Path config(String text) throws Exception {
    return Files.writeString(tmp.resolve("skein.properties"), text);
  }

  @Test
  void defaultsListenOnTheNodePortAndServeTheApiOnLoopback() throws Exception {
    DaemonSettings s = resolve();
    assertThat(s.dataDir()).isEqualTo(tmp.resolve("home/.skein"));
    assertThat(s.listen()).isEqualTo(new Endpoint("0.0.0.0", 7946));
    assertThat(s.api()).isEqualTo(new Endpoint("127.0.0.1", ApiConfig.DEFAULT_PORT));
    assertThat(s.advertise()).isNull();
    assertThat(s.apiToken()).isNull();
    assertThat(s.join()).isEmpty();
    assertThat(s.preset()).isEqualTo(DaemonSettings.Preset.LAN);
    assertThat(s.configFile()).isNull();
    assertThat(s.apiConfig()).isEqualTo(ApiConfig.defaults());
  }

  @Test
  void theLocalPresetListensOnLoopbackByDefault() throws Exception {
    env.put("SKEIN_PRESET", "local");
    assertThat(resolve().listen()).isEqualTo(new Endpoint("127.0.0.1", 7946));
  }

  @Test
  void configFileOverridesDefaultsEnvironmentOverridesTheFileAndFlagsOverrideBoth()
      throws Exception {
    Path file =
        config(
            "# comments are fine\n"
                + "listen = 10.0.0.1:1000\n"
                + "api = 127.0.0.1:2000\n"
                + "join = a:1, b:2\n"
                + "preset = wan\n"
                + "data = rel/data\n"
                + "advertise = 10.0.0.1:1000\n");
    flags.put("config", file.toString());
    DaemonSettings fromFile = resolve();
    assertThat(fromFile.listen()).isEqualTo(Endpoint.parse("10.0.0.1:1000"));
    assertThat(fromFile.api()).isEqualTo(Endpoint.parse("127.0.0.1:2000"));
    assertThat(fromFile.join()).containsExactly(Endpoint.parse("a:1"), Endpoint.parse("b:2"));
    assertThat(fromFile.preset()).isEqualTo(DaemonSettings.Preset.WAN);
    assertThat(fromFile.dataDir()).isEqualTo(tmp.resolve("rel/data"));
    assertThat(fromFile.configFile()).isEqualTo(file);

    env.put("SKEIN_LISTEN", "10.0.0.2:1001");
    env.put("SKEIN_JOIN", "c:3");
    env.put("SKEIN_DATA", "/var/lib/skein");
    DaemonSettings fromEnv = resolve();
    assertThat(fromEnv.listen()).isEqualTo(Endpoint.parse("10.0.0.2:1001"));
    assertThat(fromEnv.join()).containsExactly(Endpoint.parse("c:3"));
    assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/var/lib/skein"));
    assertThat(fromEnv.api()).isEqualTo(Endpoint.parse("127.0.0.1:2000"));

    flags.put("listen", "10.0.0.3:1002");
    flags.put("join", "");
    DaemonSettings fromFlags = resolve();
    assertThat(fromFlags.listen()).isEqualTo(Endpoint.parse("10.0.0.3:1002"));
    assertThat(fromFlags.join()).isEmpty();
    assertThat(fromFlags.preset()).isEqualTo(DaemonSettings.Preset.WAN);
  }

  @Test
  void theConfigFileCanBeNamedInTheEnvironmentAndTheFlagWins() throws Exception {
    Path a = Files.writeString(tmp.resolve("a.properties"), "listen = a:1\n");
    Path b = Files.writeString(tmp.resolve("b.properties"), "listen = b:1\n");
    env.put("SKEIN_CONFIG", a.toString());
    assertThat(resolve().listen()).isEqualTo(Endpoint.parse("a:1"));
    flags.put("config", b.toString());
    assertThat(resolve().listen()).isEqualTo(Endpoint.parse("b:1"));
  }

  @Test
  void badValuesNameTheSettingAndWhereTheValueCameFrom() throws Exception {
    env.put("SKEIN_LISTEN", "nonsense");
    assertThatThrownBy(this::resolve)
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("'nonsense'")
        .hasMessageContaining("SKEIN_LISTEN");
    env.clear();

    flags.put("api", "127.0.0.1:99999");
    assertThatThrownBy(this::resolve).hasMessageContaining("--api").hasMessageContaining("port");
    flags.clear();

    flags.put("preset", "fast");
    assertThatThrownBy(this::resolve)
        .hasMessageContaining("'fast'")
        .hasMessageContaining("lan, wan or local");
    flags.clear();

    flags.put("join", "a:1,,b");
    assertThatThrownBy(this::resolve).hasMessageContaining("'b'").hasMessageContaining("--join");
    flags.clear();

    flags.put("config", config("advertise = :80\n").toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("skein.properties: advertise");
    flags.clear();

    env.put("SKEIN_API", "");
    assertThatThrownBy(this::resolve).hasMessageContaining("SKEIN_API");
  }

  @Test
  void badConfigFilesAreClearErrors() throws Exception {
    flags.put("config", tmp.resolve("missing.properties").toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("does not exist");

    flags.put("config", config("lisen = a:1\n").toString());
    assertThatThrownBy(this::resolve)
        .hasMessageContaining("unknown key 'lisen'")
        .hasMessageContaining("listen");

    flags.put("config", config("config = other\n").toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("unknown key 'config'");

    flags.put("config", config("listen = a:1\\u00zz\n").toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("malformed");

    flags.put("config", config("x".repeat(DaemonSettings.MAX_CONFIG_BYTES + 1)).toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("larger than");

    Path latin1 = Files.write(tmp.resolve("l.properties"), new byte[] {'a', '=', (byte) 0xe9});
    flags.put("config", latin1.toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("not UTF-8");
  }

  @Test
  void unknownFlagsAreAProgrammingError() {
    flags.put("api-token", TOKEN);
    assertThatIllegalArgumentException().isThrownBy(this::resolve);
  }

  @Test
  void theTokenComesFromTheEnvironmentOrAFileAndIsNeverPrinted() throws Exception {
    env.put("SKEIN_API_TOKEN", TOKEN);
    DaemonSettings s = resolve();
    assertThat(s.apiToken()).isEqualTo(TOKEN);
    assertThat(s.toString()).doesNotContain(TOKEN).contains("apiToken=set");
    assertThat(s.apiConfig().bearerToken()).isEqualTo(TOKEN);

    Path file = Files.writeString(tmp.resolve("token"), "file-token-0123456789\n");
    flags.put("api-token-file", file.toString());
    assertThat(resolve().apiToken()).isEqualTo("file-token-0123456789");
  }

  @Test
  void theTokenInTheConfigFileLosesToTheEnvironment() throws Exception {
    flags.put("config", config("api-token = config-token-0123456789\n").toString());
    assertThat(resolve().apiToken()).isEqualTo("config-token-0123456789");
    env.put("SKEIN_API_TOKEN", TOKEN);
    assertThat(resolve().apiToken()).isEqualTo(TOKEN);
  }

  @Test
  void aTokenAndATokenFileInTheSameLayerAreAmbiguous() throws Exception {
    env.put("SKEIN_API_TOKEN", TOKEN);
    env.put("SKEIN_API_TOKEN_FILE", tmp.resolve("t").toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("give the API token once");
  }

  @Test
  void badTokensAreRefusedWithoutEchoingThem() throws Exception {
    env.put("SKEIN_API_TOKEN", "short");
    assertThatThrownBy(this::resolve)
        .hasMessageContaining("SKEIN_API_TOKEN")
        .hasMessageContaining("16 to 256")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
    env.clear();
    flags.put("api-token-file", tmp.resolve("nope").toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("does not exist");
    Path big = Files.write(tmp.resolve("big"), new byte[DaemonSettings.MAX_TOKEN_FILE_BYTES + 1]);
    flags.put("api-token-file", big.toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("larger than");
  }

  @Test
  void anApiOffLoopbackNeedsAToken() throws Exception {
    flags.put("api", "0.0.0.0:7947");
    assertThatThrownBy(this::resolve)
        .hasMessageContaining("0.0.0.0:7947")
        .hasMessageContaining("--api")
        .hasMessageContaining("SKEIN_API_TOKEN");
    env.put("SKEIN_API_TOKEN", TOKEN);
    assertThat(resolve().api()).isEqualTo(Endpoint.parse("0.0.0.0:7947"));
  }

  @Test
  void joinListsAreBounded() throws Exception {
    flags.put("join", String.join(",", java.util.Collections.nCopies(257, "a:1")));
    assertThatThrownBy(this::resolve).hasMessageContaining("more than 256");
    flags.put("join", String.join(",", java.util.Collections.nCopies(256, "a:1")));
    assertThat(resolve().join()).hasSize(256);
    assertThat(List.of(resolve().join().get(0))).containsExactly(Endpoint.parse("a:1"));
  }
}
