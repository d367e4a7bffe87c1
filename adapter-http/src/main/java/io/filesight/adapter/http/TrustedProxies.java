package io.filesight.adapter.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed. A
 * request arriving from any other address keeps its own address and scheme whatever headers it
 * carries, since anyone can write them. Jetty's {@code ForwardedRequestCustomizer} believes every
 * sender, hence this check.
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(List.of());
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");
  private static final int MAX_SHOWN = 64;

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** Trusts no proxy: every request's own address is its client's. */
  public static TrustedProxies none() {
    return NONE;
  }

  /**
   * Proxies given as IPv4 or IPv6 addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8},
   * {@code 192.0.2.7}).
   *
   * @throws IllegalArgumentException naming the first entry that is neither
   */
  public static TrustedProxies of(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      ranges.add(Range.parse(entry.strip()));
    }
    return new TrustedProxies(ranges);
  }

  /** Whether no proxy is trusted. */
  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** The entries as given in CIDR form, for messages. */
  @Override
  public String toString() {
    return ranges.toString();
  }

  /**
   * Where a request comes from once its trusted proxies are looked through.
   *
   * @param remoteAddress the address of the connection's peer
   * @param forwarded the values of the request's {@code Forwarded} headers, in order
   * @param forwardedFor the values of its {@code X-Forwarded-For} headers, used when it has no
   *     {@code Forwarded} header
   * @param forwardedProto the values of its {@code X-Forwarded-Proto} headers
   * @param forwardedHost the values of its {@code X-Forwarded-Host} headers
   */
  ClientOrigin origin(
      String remoteAddress,
      List<String> forwarded,
      List<String> forwardedFor,
      List<String> forwardedProto,
      List<String> forwardedHost) {
    String remote = remoteAddress == null ? "-" : unbracketed(remoteAddress);
    if (ranges.isEmpty() || !isTrusted(remote)) {
      return new ClientOrigin(remote, Optional.empty(), Optional.empty());
    }
    List<String> hops = new ArrayList<>();
    String proto = null;
    String host = null;
    if (!forwarded.isEmpty()) {
      for (String header : forwarded) {
        for (String element : header.split(",")) {
          for (String pair : element.split(";")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
              continue;
            }
            String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = unquoted(pair.substring(equals + 1).strip());
            switch (name) {
              case "for" -> hops.add(value);
              case "proto" -> proto = proto == null ? value : proto;
              case "host" -> host = host == null ? value : host;
              default -> {}
            }
          }
        }
      }
    } else {
      for (String header : forwardedFor) {
        for (String hop : header.split(",")) {
          if (!hop.isBlank()) {
            hops.add(hop.strip());
          }
        }
      }
    }
    if (proto == null) {
      proto = leftMost(forwardedProto);
    }
    if (host == null) {
      host = leftMost(forwardedHost);
    }
    String client = remote;
    for (int i = hops.size() - 1; i >= 0; i--) {
      client = withoutPort(hops.get(i));
      if (!isTrusted(client)) {
        break;
      }
    }
    return new ClientOrigin(shown(client), scheme(proto), hostHeader(host));
  }

  private boolean isTrusted(String address) {
    Optional<byte[]> bytes = literal(address);
    if (bytes.isEmpty()) {
      return false;
    }
    for (Range range : ranges) {
      if (range.contains(bytes.get())) {
        return true;
      }
    }
    return false;
  }

  private static String leftMost(List<String> values) {
    for (String header : values) {
      for (String value : header.split(",")) {
        if (!value.isBlank()) {
          return value.strip();
        }
      }
    }
    return null;
  }

  private static Optional<String> scheme(String proto) {
    if (proto == null) {
      return Optional.empty();
    }
    String lower = proto.toLowerCase(Locale.ROOT);
    return lower.equals("http") || lower.equals("https") ? Optional.of(lower) : Optional.empty();
  }

  private static Optional<String> hostHeader(String host) {
    return host != null && HOST.matcher(host).matches() ? Optional.of(host) : Optional.empty();
  }

  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /** {@code [2001:db8::1]:4711} and {@code 192.0.2.1:80} without their ports. */
  private static String withoutPort(String hop) {
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      return close > 0 ? hop.substring(1, close) : hop;
    }
    int colon = hop.indexOf(':');
    if (colon > 0 && colon == hop.lastIndexOf(':')) {
      return hop.substring(0, colon);
    }
    return hop;
  }

  private static String unbracketed(String address) {
    return address.startsWith("[") && address.endsWith("]")
        ? address.substring(1, address.length() - 1)
        : address;
  }

  /** A client-written value, as the access log may show it. */
  private static String shown(String value) {
    String printable = AccessLog.printable(value);
    return printable.length() > MAX_SHOWN ? printable.substring(0, MAX_SHOWN) + "..." : printable;
  }

  /** The bytes of an IP address literal, never asking DNS. */
  static Optional<byte[]> literal(String text) {
    if (IPV4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) octet;
      }
      return Optional.of(bytes);
    }
    if (!IPV6.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      // Brackets make the JDK parse a literal or fail, never resolve a name.
      return Optional.of(InetAddress.getByName("[" + text + "]").getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Where a request came from, and the scheme and host its client used, when a proxy said. */
  record ClientOrigin(String clientAddress, Optional<String> scheme, Optional<String> host) {}

  private record Range(byte[] network, int prefix, String text) {
    static Range parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      byte[] bytes =
          literal(address)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'" + entry + "' is not an IPv4 or IPv6 address or CIDR block"));
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException(
              "'" + entry + "': the prefix length must be between 0 and " + bits);
        }
      }
      return new Range(bytes, prefix, entry);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest) & 0xFF;
      return (address[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
      return text;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Range range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
      return Objects.hash(text);
    }
  }
}
