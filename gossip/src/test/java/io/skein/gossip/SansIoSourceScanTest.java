package io.skein.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gossip core must stay sans-I/O: no clock, no I/O, no threads, no randomness but the injected
 * generator. Scans every main source file, comments and string literals removed.
 */
class SansIoSourceScanTest {
  private static final Path MAIN = Path.of("src/main/java");

  private static final List<Pattern> FORBIDDEN =
      List.of(
          Pattern.compile("System\\s*\\.\\s*nanoTime"),
          Pattern.compile("System\\s*\\.\\s*currentTimeMillis"),
          Pattern.compile("\\bInstant\\s*\\.\\s*now"),
          Pattern.compile(
              "\\b(LocalDateTime|LocalDate|ZonedDateTime|OffsetDateTime)\\s*\\.\\s*now"),
          Pattern.compile("\\bClock\\b"),
          Pattern.compile("\\bThread\\b"),
          Pattern.compile("ThreadLocalRandom"),
          Pattern.compile("new\\s+Random\\s*\\("),
          Pattern.compile("java\\.util\\.Random\\b"),
          Pattern.compile("SecureRandom"),
          Pattern.compile("Math\\s*\\.\\s*random"),
          Pattern.compile("\\bjava\\.io\\."),
          Pattern.compile("\\bjava\\.net\\."),
          Pattern.compile("\\bjava\\.nio\\.file\\b"),
          Pattern.compile("\\bjava\\.nio\\.channels\\b"),
          Pattern.compile("\\bsleep\\s*\\("),
          Pattern.compile("\\bExecutor"),
          Pattern.compile("\\bCompletableFuture\\b"),
          Pattern.compile("\\bTimer\\b"),
          Pattern.compile("\\bsynchronized\\b"),
          Pattern.compile("System\\s*\\.\\s*(out|err)"));

  @Test
  void gossipMainSourcesUseNoClockIoThreadsOrOwnRandomness() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(MAIN)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).as("main sources found").hasSizeGreaterThan(10);
    List<String> violations = new ArrayList<>();
    for (Path file : files) {
      String code = stripCommentsAndStrings(Files.readString(file));
      String[] lines = code.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        for (Pattern p : FORBIDDEN) {
          Matcher m = p.matcher(lines[i]);
          if (m.find()) {
            violations.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + m.group());
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void theScanCatchesWhatItLooksFor() {
    String sample =
        "import java.io.File;\n"
            + "// System.nanoTime() in a comment is fine\n"
            + "long t = System.nanoTime(); String s = \"Thread\";\n"
            + "new Thread(r).start(); Thread.sleep(5);\n";
    String code = stripCommentsAndStrings(sample);
    long hits = FORBIDDEN.stream().filter(p -> p.matcher(code).find()).count();
    assertThat(code).doesNotContain("in a comment");
    assertThat(hits).isEqualTo(4); // java.io, nanoTime, Thread, sleep
  }

  /** Blanks comments and string/char literals, keeping line breaks so line numbers hold. */
  static String stripCommentsAndStrings(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
        while (i < src.length() && src.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
        i += 2;
        while (i + 1 < src.length() && !(src.charAt(i) == '*' && src.charAt(i + 1) == '/')) {
          if (src.charAt(i) == '\n') {
            out.append('\n');
          }
          i++;
        }
        i += 2;
      } else if (c == '"' || c == '\'') {
        char quote = c;
        i++;
        while (i < src.length() && src.charAt(i) != quote) {
          if (src.charAt(i) == '\\') {
            i++;
          }
          i++;
        }
        i++;
        out.append("\"\"");
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
