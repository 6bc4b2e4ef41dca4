package io.skein.node.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * HELP, a TYPE or a sample of a declared family, label values properly escaped, values numbers.
 */
final class PrometheusText {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "(" + NAME + ")(\\{(.*)\\})? ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Set<String> SUFFIXES =
      Set.of("", "_total", "_created", "_bucket", "_count", "_sum");

  private PrometheusText() {}

  /**
   * Parses {@code text} into samples keyed {@code name{l1="v1",...}} exactly as written.
   *
   * @throws IllegalArgumentException naming the first line that is not valid
   */
  static Map<String, Double> parse(String text) {
    Map<String, String> types = new HashMap<>();
    Map<String, Double> samples = new LinkedHashMap<>();
    int lineNumber = 0;
    for (String line : text.split("\n", -1)) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        continue;
      }
      if ((m = TYPE.matcher(line)).matches()) {
        if (types.put(m.group(1), m.group(2)) != null) {
          throw new IllegalArgumentException("line " + lineNumber + ": family typed twice");
        }
        continue;
      }
      if (line.startsWith("#")) {
        throw new IllegalArgumentException("line " + lineNumber + ": bad comment: " + line);
      }
      m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("line " + lineNumber + ": not a sample: " + line);
      }
      if (family(m.group(1), types) == null) {
        throw new IllegalArgumentException(
            "line " + lineNumber + ": sample of an undeclared family: " + line);
      }
      if (m.group(3) != null && !m.group(3).isEmpty()) {
        Matcher labels = LABEL.matcher(m.group(3));
        int end = 0;
        while (labels.find() && labels.start() == end) {
          end = labels.end();
        }
        if (end != m.group(3).length()) {
          throw new IllegalArgumentException("line " + lineNumber + ": bad labels: " + line);
        }
      }
      String value = m.group(4);
      double v =
          switch (value) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
          };
      String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
      if (samples.put(key, v) != null) {
        throw new IllegalArgumentException("line " + lineNumber + ": duplicate sample: " + line);
      }
    }
    return samples;
  }

  private static String family(String sample, Map<String, String> types) {
    for (String suffix : SUFFIXES) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return null;
  }
}
