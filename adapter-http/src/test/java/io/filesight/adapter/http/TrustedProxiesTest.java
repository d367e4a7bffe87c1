package io.filesight.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.http.TrustedProxies.ClientOrigin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private static final TrustedProxies PROXIES =
      TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8:1::/48"));

  private static String client(String remote, List<String> forwarded, List<String> xff) {
    return PROXIES.origin(remote, forwarded, xff, List.of(), List.of()).clientAddress();
  }

  @Test
  void headersFromAnUntrustedSenderAreIgnored() {
    assertThat(client("203.0.113.5", List.of(), List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    assertThat(client("203.0.113.5", List.of("for=198.51.100.1"), List.of()))
        .isEqualTo("203.0.113.5");
    assertThat(
            TrustedProxies.none()
                .origin("10.1.1.1", List.of(), List.of("198.51.100.1"), List.of(), List.of())
                .clientAddress())
        .isEqualTo("10.1.1.1");
  }

  @Test
  void theRightMostAddressNotTrustedIsTheClient() {
    String[][] cases = {
      // remote, X-Forwarded-For, client
      {"10.0.0.1", "198.51.100.1", "198.51.100.1"},
      {"10.0.0.1", "198.51.100.1, 10.2.3.4", "198.51.100.1"},
      {"10.0.0.1", "6.6.6.6, 198.51.100.1, 10.2.3.4", "198.51.100.1"},
      {"192.0.2.7", "198.51.100.1,192.0.2.7", "198.51.100.1"},
      {"10.0.0.1", "10.2.3.4, 10.5.5.5", "10.2.3.4"},
      {"10.0.0.1", "not-an-address, 10.2.3.4", "not-an-address"},
      {"2001:db8:1::9", "2001:db8:ffff::1", "2001:db8:ffff::1"},
      {"[2001:db8:1::9]", "198.51.100.1", "198.51.100.1"},
      {"10.0.0.1", "198.51.100.1:4711", "198.51.100.1"},
      {"10.0.0.1", "198.51.100.1, ::ffff:10.9.9.9", "198.51.100.1"},
      {"10.0.0.1", "forged\u0000 line", "forged? line"},
    };
    for (String[] c : cases) {
      assertThat(client(c[0], List.of(), List.of(c[1]))).as(String.join(" | ", c)).isEqualTo(c[2]);
    }
    assertThat(client("10.0.0.1", List.of(), List.of("6.6.6.6", "198.51.100.1, 10.2.3.4")))
        .as("several header lines read as one list")
        .isEqualTo("198.51.100.1");
  }

  @Test
  void forwardedIsPreferredAndItsQuotedAndBracketedFormsAreRead() {
    assertThat(
            client(
                "10.0.0.1",
                List.of("for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.3.3.3"),
                List.of("198.51.100.99")))
        .isEqualTo("2001:db8:cafe::17");
    assertThat(client("10.0.0.1", List.of("For=198.51.100.1;By=10.0.0.1"), List.of()))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void schemeAndHostComeFromATrustedProxyOnly() {
    ClientOrigin trusted =
        PROXIES.origin(
            "10.0.0.1",
            List.of(),
            List.of("198.51.100.1"),
            List.of("https"),
            List.of("fs.example.com"));
    assertThat(trusted.scheme()).contains("https");
    assertThat(trusted.host()).contains("fs.example.com");

    ClientOrigin untrusted =
        PROXIES.origin(
            "203.0.113.5", List.of(), List.of(), List.of("https"), List.of("evil.example"));
    assertThat(untrusted.scheme()).isEmpty();
    assertThat(untrusted.host()).isEmpty();

    ClientOrigin forwarded =
        PROXIES.origin(
            "10.0.0.1",
            List.of("for=198.51.100.1;proto=https;host=\"fs.example.com:8443\""),
            List.of(),
            List.of("http"),
            List.of());
    assertThat(forwarded.scheme()).contains("https");
    assertThat(forwarded.host()).contains("fs.example.com:8443");

    ClientOrigin odd =
        PROXIES.origin("10.0.0.1", List.of(), List.of(), List.of("gopher"), List.of("a b/c"));
    assertThat(odd).isEqualTo(new ClientOrigin("10.0.0.1", Optional.empty(), Optional.empty()));
  }

  @Test
  void entriesThatAreNotAddressesOrBlocksAreRefusedByName() {
    for (String bad :
        List.of("10.0.0.0/33", "::/129", "10.0.0.256", "proxy.example.com", "10.0.0.0/x", "")) {
      assertThatThrownBy(() -> TrustedProxies.of(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThat(TrustedProxies.of(List.of("0.0.0.0/0", "::/0", "fd00::1")).toString())
        .isEqualTo("[0.0.0.0/0, ::/0, fd00::1]");
  }
}
