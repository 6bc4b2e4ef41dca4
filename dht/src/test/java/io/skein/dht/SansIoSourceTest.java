package io.skein.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dht module is a sans-I/O state machine: its main sources never read a clock, do I/O, start
 * threads, sleep or draw randomness of their own.
 */
class SansIoSourceTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "System.nanoTime",
          "System.currentTimeMillis",
          "Instant.now",
          "Clock.",
          "Thread",
          "ThreadLocalRandom",
          "new Random",
          "SecureRandom",
          "Math.random",
          "java.io.",
          "java.net.",
          "java.nio.file",
          "sleep(",
          "Executor",
          "CompletableFuture",
          "System.out",
          "System.err");

  @Test
  void mainSourcesUseNoClockIoThreadsOrOwnRandomness() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<String> violations = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(main)) {
      for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
        files++;
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          for (String word : FORBIDDEN) {
            if (lines.get(i).contains(word)) {
              violations.add(main.relativize(p) + ":" + (i + 1) + " uses " + word);
            }
          }
        }
      }
    }
    assertThat(files).as("sources scanned").isGreaterThan(20);
    assertThat(violations).isEmpty();
  }
}
