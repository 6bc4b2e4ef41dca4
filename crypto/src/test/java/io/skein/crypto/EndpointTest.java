package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endpoint's text form: parse and format round trip, and the errors a user sees. */
class EndpointTest {

  @Test
  void parsesHostNamesIpv4AndBracketedIpv6() {
    assertThat(Endpoint.parse("example.org:7000")).isEqualTo(new Endpoint("example.org", 7000));
    assertThat(Endpoint.parse("10.0.0.1:1")).isEqualTo(new Endpoint("10.0.0.1", 1));
    assertThat(Endpoint.parse("[::1]:7000")).isEqualTo(new Endpoint("::1", 7000));
    assertThat(Endpoint.parse("  [fe80::1%eth0]:65535 "))
        .isEqualTo(new Endpoint("fe80::1%eth0", 65535));
  }

  @Test
  void formatsIpv6WithBrackets() {
    assertThat(new Endpoint("::1", 7000)).hasToString("[::1]:7000");
    assertThat(new Endpoint("::1", 7000).tcpUri()).isEqualTo("tcp://[::1]:7000");
    assertThat(new Endpoint("localhost", 7000).tcpUri()).isEqualTo("tcp://localhost:7000");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "host       | invalid endpoint 'host': no port (expected host:port)",
        "host:      | invalid endpoint 'host:': no port (expected host:port)",
        "host:0     | invalid endpoint 'host:0': port must be 1..65535, got 0",
        "host:99999 | invalid endpoint 'host:99999': port must be 1..65535, got 99999",
        "host:123456| invalid endpoint 'host:123456': port must be 1..65535, got '123456'",
        "host:abc   | invalid endpoint 'host:abc': port 'abc' is not a number",
        "host:+80   | invalid endpoint 'host:+80': port '+80' is not a number",
        "host:-1    | invalid endpoint 'host:-1': port '-1' is not a number",
        ":7000      | invalid endpoint ':7000': no host (expected host:port)",
        "[]:7000    | invalid endpoint '[]:7000': no host (expected host:port)",
        "a b:1      | invalid endpoint 'a b:1': host 'a b' has an invalid character (U+0020) at"
            + " position 1",
        "::1:7000   | invalid endpoint '::1:7000': an IPv6 address needs brackets: [ipv6]:port",
        "[::1]7000  | invalid endpoint '[::1]7000': expected [ipv6]:port",
        "[::1       | invalid endpoint '[::1': expected [ipv6]:port",
        "a/b:1      | invalid endpoint 'a/b:1': host 'a/b' has an invalid character (U+002F) at"
            + " position 1",
      })
  void rejectsMalformedTextWithAClearMessage(String text, String message) {
    assertThatThrownBy(() -> Endpoint.parse(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsMissingAndOverlongInput() {
    assertThatThrownBy(() -> Endpoint.parse(null)).hasMessageContaining("missing");
    assertThatThrownBy(() -> Endpoint.parse("  ")).hasMessageContaining("missing");
    String longHost = "a".repeat(Endpoint.MAX_HOST_BYTES + 1);
    assertThatThrownBy(() -> Endpoint.parse(longHost + ":1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("host is longer than 253 characters");
    assertThat(Endpoint.parse("a".repeat(Endpoint.MAX_HOST_BYTES) + ":1").host())
        .hasSize(Endpoint.MAX_HOST_BYTES);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a;b:1      | U+003B",
        "*:7000     | U+002A",
        "hé:1      | U+00E9",
        "a@b:1      | U+0040",
        "tcp://a:1  | an IPv6 address needs brackets",
      })
  void hostsAreLimitedToDnsAndIpCharacters(String text, String problem) {
    assertThatThrownBy(() -> Endpoint.parse(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void messagesStayOnOneLine() {
    assertThatThrownBy(() -> Endpoint.parse("evil\nINFO forged:1"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Provide
  Arbitrary<Endpoint> endpoints() {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789.-")
            .ofMinLength(1)
            .ofMaxLength(40);
    Arbitrary<String> ipv4 =
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> String.join(".", l.stream().map(String::valueOf).toList()));
    Arbitrary<String> ipv6 =
        Arbitraries.integers()
            .between(0, 0xffff)
            .list()
            .ofSize(8)
            .map(l -> String.join(":", l.stream().map(Integer::toHexString).toList()));
    Arbitrary<String> hosts = Arbitraries.oneOf(names, ipv4, ipv6, Arbitraries.of("::1", "::"));
    return Combinators.combine(hosts, Arbitraries.integers().between(1, 65535)).as(Endpoint::new);
  }

  @Property
  void parseInvertsToString(@ForAll("endpoints") Endpoint endpoint) {
    assertThat(Endpoint.parse(endpoint.toString())).isEqualTo(endpoint);
    assertThat(Endpoint.parse(endpoint.toString()).toString()).isEqualTo(endpoint.toString());
  }

  @Property
  void parseNeverThrowsAnythingButIllegalArgument(@ForAll String text) {
    try {
      Endpoint endpoint = Endpoint.parse(text);
      assertThat(Endpoint.parse(endpoint.toString())).isEqualTo(endpoint);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }
}
