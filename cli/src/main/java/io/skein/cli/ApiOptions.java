package io.skein.cli;

import io.skein.crypto.Endpoint;
import io.skein.node.api.ApiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the node's API is and how to authenticate: the options every API command shares. */
final class ApiOptions {
  /** Environment variable naming the API, host:port. */
  static final String API_ENV = "SKEIN_API";

  /** Environment variable holding the API's bearer token. */
  static final String TOKEN_ENV = "SKEIN_API_TOKEN";

  /** Environment variable naming a file that holds the API's bearer token. */
  static final String TOKEN_FILE_ENV = "SKEIN_API_TOKEN_FILE";

  /** Largest token file read: 4 KiB. */
  static final int MAX_TOKEN_FILE_BYTES = 4 * 1024;

  /** The API's address when neither --api nor SKEIN_API names one. */
  static final String DEFAULT_API = ApiConfig.DEFAULT_HOST + ":" + ApiConfig.DEFAULT_PORT;

  @Option(
      names = "--api",
      paramLabel = "HOST:PORT",
      description = "The node's HTTP API (default: $SKEIN_API, else " + DEFAULT_API + ").")
  String api;

  @Option(
      names = "--api-token-file",
      paramLabel = "PATH",
      description =
          "A file holding the API's bearer token (default: $SKEIN_API_TOKEN_FILE; or give the"
              + " token itself in $SKEIN_API_TOKEN).")
  Path tokenFile;

  /** The API's endpoint from --api, SKEIN_API or the default. */
  Endpoint endpoint(CliEnvironment env) {
    String text = api;
    String source = "--api";
    if (text == null) {
      text = env.get(API_ENV);
      source = API_ENV;
    }
    if (text == null) {
      return Endpoint.parse(DEFAULT_API);
    }
    try {
      return Endpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage() + " (from " + source + ")");
    }
  }

  /** The bearer token, or {@code null} for none. */
  String token(CliEnvironment env) {
    Path file = tokenFile;
    if (file == null && env.get(TOKEN_FILE_ENV) != null) {
      file = Path.of(env.get(TOKEN_FILE_ENV));
    }
    if (file != null) {
      return readToken(file);
    }
    String token = env.get(TOKEN_ENV);
    return token == null || token.isBlank() ? null : token.strip();
  }

  private static String readToken(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.USAGE, "API token file " + file + " does not exist");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "cannot read API token file " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_TOKEN_FILE_BYTES) {
      throw new CliException(ExitCodes.USAGE, "API token file " + file + " is too large");
    }
    return new String(bytes, StandardCharsets.UTF_8).strip();
  }

  /** A client for the API these options name. */
  ApiClient client(CliEnvironment env) {
    return new ApiClient(endpoint(env), token(env));
  }
}
