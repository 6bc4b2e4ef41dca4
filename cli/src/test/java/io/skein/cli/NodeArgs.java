package io.skein.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code skein node} arguments the daemon tests start a loopback node with. */
final class NodeArgs {
  private NodeArgs() {}

  /**
   * {@code node --data DATA --listen 127.0.0.1:LISTEN --api 127.0.0.1:API --preset local
   * --log-level LEVEL}, then {@code extra}.
   */
  static List<String> of(Path data, int listen, int api, String logLevel, String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "node",
            "--data",
            data.toString(),
            "--listen",
            "127.0.0.1:" + listen,
            "--api",
            "127.0.0.1:" + api,
            "--preset",
            "local",
            "--log-level",
            logLevel));
    args.addAll(List.of(extra));
    return args;
  }
}
