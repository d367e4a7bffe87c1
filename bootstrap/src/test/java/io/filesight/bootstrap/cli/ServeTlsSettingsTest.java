package io.filesight.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.http.TlsFiles;
import io.filesight.bootstrap.lifecycle.ServerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The TLS and trusted-proxy settings of {@code serve}: where they come from, and bad values. */
class ServeTlsSettingsTest {
  @TempDir Path dir;
  private Path jwks;
  private Path cert;
  private Path key;
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void files() throws Exception {
    jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
    cert = dir.resolve("server.crt");
    key = dir.resolve("server.key");
    KeyPair keys = rsa();
    Files.writeString(cert, pem(selfSigned(keys)));
    Files.writeString(key, pem(keys));
  }

  @Test
  void tlsAndTrustedProxiesComeFromTheConfigFileOrTheEnvironment() throws IOException {
    Path config =
        Files.write(
            dir.resolve("filesight.properties"),
            List.of(
                "db=a.db",
                "tls-cert=" + cert,
                "tls-key=" + key,
                "trusted-proxy=10.0.0.0/8, 2001:db8::/32"));

    ServerSettings fromFile = settings("--config", config.toString());

    assertThat(fromFile.http().tls()).contains(new TlsFiles(cert, key));
    assertThat(fromFile.http().trustedProxies().toString())
        .isEqualTo("[10.0.0.0/8, 2001:db8::/32]");

    environment.put("FILESIGHT_TRUSTED_PROXY", "192.0.2.7");
    assertThat(settings("--config", config.toString()).http().trustedProxies().toString())
        .isEqualTo("[192.0.2.7]");
    assertThat(
            settings(
                    "--config",
                    config.toString(),
                    "--trusted-proxy",
                    "127.0.0.1",
                    "--trusted-proxy",
                    "::1")
                .http()
                .trustedProxies()
                .toString())
        .isEqualTo("[127.0.0.1, ::1]");
  }

  @Test
  void withoutTlsSettingsTheServerSpeaksPlainHttpAndTrustsNoProxy() {
    environment.put("FILESIGHT_DB", "a.db");

    ServerSettings settings = settings();

    assertThat(settings.http().tls()).isEmpty();
    assertThat(settings.http().trustedProxies().isEmpty()).isTrue();
  }

  @Test
  void aKeyThatIsNotTheCertificatesExitsTwoNamingTheSettingAndTheFile() throws Exception {
    Path other = dir.resolve("other.key");
    Files.writeString(other, pem(rsa()));

    Result result = serve("--tls-cert", cert.toString(), "--tls-key", other.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err())
        .contains("--tls-key (FILESIGHT_TLS_KEY)", other.toString(), "does not belong");
  }

  @Test
  void unusableTlsFilesExitTwoNamingTheSettingAtFault() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello\n");
    String[][] cases = {
      {
        "--tls-cert",
        garbage.toString(),
        "--tls-key",
        key.toString(),
        "--tls-cert (FILESIGHT_TLS_CERT)",
        garbage.toString()
      },
      {
        "--tls-cert",
        cert.toString(),
        "--tls-key",
        garbage.toString(),
        "--tls-key (FILESIGHT_TLS_KEY)",
        garbage.toString()
      },
      {
        "--tls-cert",
        dir.resolve("none.crt").toString(),
        "--tls-key",
        key.toString(),
        "--tls-cert (FILESIGHT_TLS_CERT)",
        "none.crt"
      },
      {
        "--tls-cert",
        cert.toString(),
        "--tls-key",
        "",
        "--tls-cert (FILESIGHT_TLS_CERT)",
        "needs --tls-key"
      },
      {
        "--tls-key",
        key.toString(),
        "--tls-cert",
        "",
        "--tls-key (FILESIGHT_TLS_KEY)",
        "needs --tls-cert"
      },
    };
    for (String[] bad : cases) {
      Result result = serve(bad[0], bad[1], bad[2], bad[3]);

      assertThat(result.code()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(result.err().strip().lines()).as(String.join(" ", bad)).hasSize(1);
      assertThat(result.err()).as(String.join(" ", bad)).contains(bad[4], bad[5]);
    }
  }

  @Test
  void aTrustedProxyThatIsNotAnAddressOrBlockExitsTwoNamingIt() {
    Result result = serve("--trusted-proxy", "10.0.0.0/8,proxy.example.com");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err())
        .contains("--trusted-proxy (FILESIGHT_TRUSTED_PROXY)", "'proxy.example.com'");
  }

  private ServerSettings settings(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("serve", "--jwks", jwks.toString(), "--tenant", "t"));
    args.addAll(List.of(extra));
    String[] argv = args.toArray(String[]::new);
    CommandLine commandLine = FilesightCli.commandLine(environment, argv);
    CommandLine.ParseResult parsed = commandLine.parseArgs(argv);
    return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).settings();
  }

  private record Result(int code, String err) {}

  private Result serve(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("serve", "--db", "x.db", "--jwks", jwks.toString(), "--tenant", "t"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FilesightCli.run(
            environment,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            args.toArray(String[]::new));
    return new Result(code, err.toString());
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static Object selfSigned(KeyPair keys) throws Exception {
    X500Name name = new X500Name("CN=filesight test");
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(30, ChronoUnit.DAYS)),
            name,
            keys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
