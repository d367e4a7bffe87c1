package io.filesight.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code filesight demo} and {@code filesight generate} print and write stays byte for byte
 * what it was: the generated files (names and content), the store the demo imports them into, and
 * the demo's welcome text (tokens, port and directory aside). The digests were taken from the build
 * before imports moved behind the use cases.
 */
class DemoGoldenIT {
  private static final Map<String, String> DEMO_FILES =
      Map.of(
          "access.json", "59fe080440f9242aa967cd81f5a72bb28fca2c2f85a90f312b4a08fc42544df3",
          "machines.jsonl", "7960a9c9065613675a3d7230650660f16cda869c100adb1b1fd69c7a8003518b",
          "observations.csv", "e8324dcf5a4478c5a542c25b7b8eccf51d7215bbc4e0c3f8df1351c582460d84");

  private static final Map<String, String> SEED_1_FILES =
      Map.of(
          "access.json", "59fe080440f9242aa967cd81f5a72bb28fca2c2f85a90f312b4a08fc42544df3",
          "machines.jsonl", "632ae297fd18a1357bae0bb598e29ae54b594071188d3bcdbcf8a771a8961c3f",
          "observations.csv", "a748cd289aa47c491869e076e953c2d01494c9023b81ce2693cf3d6130bb8523");

  /** The digest of a table without rows. */
  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** Every table the demo's store keeps, with the digest of its rows. */
  private static final Map<String, String> DEMO_STORE = demoStore();

  private static final String WELCOME =
      """
      Creating the demo in <dir> ...

      filesight demo is serving on http://127.0.0.1:<port>

      Application token (Machine.Read.All, valid 12 h):
        export TOKEN=<token>
        curl -s -H "Authorization: Bearer $TOKEN" \
      http://127.0.0.1:<port>/api/files/1e5bc9d7e413ddd7902c2932e418702b84d0cc07/machines

      Delegated token (Machine.Read, analyst in user group 11111111-1111-1111-1111-111111111111):
        export USER_TOKEN=<token>
        curl -s -H "Authorization: Bearer $USER_TOKEN" \
      http://127.0.0.1:<port>/api/files/1e5bc9d7e413ddd7902c2932e418702b84d0cc07/machines

      More tokens: ./filesight token --help
      API description: http://127.0.0.1:<port>/docs   Stop: Ctrl+C
      """;

  @TempDir Path dir;
  private ChildProcesses processes;

  @BeforeEach
  void processesIn() {
    processes = ChildProcesses.shadedJar(dir);
  }

  @AfterEach
  void killLeftovers() {
    processes.close();
  }

  @Test
  void theDemoPrintsWritesAndStoresWhatItAlwaysDid() throws Exception {
    Process demo = processes.start("demo", "--port", "0", "--dir", "demo");
    List<String> printed = linesUntil(demo, "API description:");
    demo.destroy();
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();

    Path demoDir = dir.resolve("demo");
    String welcome =
        String.join("\n", printed)
                .replace(demoDir.toAbsolutePath().toString(), "<dir>")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>")
                .replaceAll("TOKEN=\\S+", "TOKEN=<token>")
            + "\n";
    assertThat(welcome).isEqualTo(WELCOME);
    assertThat(digests(demoDir.resolve("data"))).isEqualTo(DEMO_FILES);
    assertThat(storeDigests(demoDir.resolve("filesight.db"))).isEqualTo(DEMO_STORE);
  }

  @Test
  void generateWritesTheSameFilesForTheSameSeed() throws Exception {
    ChildProcesses.Result result = processes.run("generate", "--out", "gen");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "machines:     gen/machines.jsonl\n"
                + "observations: gen/observations.csv\n"
                + "access:       gen/access.json\n");
    assertThat(digests(dir.resolve("gen"))).isEqualTo(SEED_1_FILES);
  }

  private static Map<String, String> demoStore() {
    Map<String, String> store = new LinkedHashMap<>();
    store.put("machine", "33509362a6e488ca91bc086ecbdc0fe6d31f30befa5da7fa0a75c9f1c6264ca7");
    store.put("seen_file", "48e30ad37a1f1005cad80ee8c2ff9c3bd30c28a51bd0b8db854ae8e514a1cd6f");
    store.put("observation", "ec40a364bfd7a6609aacb779c7c35ab25ea21c82abb19814271f91bbeee433d4");
    store.put("machine_state", "b8388c44e448858ae751c59912c120badd77182a983ab50e9665fde279963a9e");
    store.put("access_state", "ba417f5ea29f3b35e46b2724ab3e20ffb94063e1b0d040b55580e594456d8c1e");
    store.put("machine_group", "e8f22341e6f77763da77bf511c6dffe6e35602d696da8dd51d8218a29d4bdc6d");
    store.put(
        "machine_group_user_group",
        "2b0e44178f53c4639d424a9e87e9c3fc44491e9dcb55736157cb432265ba35ee");
    store.put("access_role", "0e0d80b98330f71543eb06a4312ffbcb0a1402b68ac8c7de0aaa67157c839e43");
    store.put(
        "access_role_permission",
        "219cfbb8fb92258bee05df97fb577376f9b5a84ef098de2ca45a1ba766ecacb5");
    store.put(
        "access_role_user_group",
        "44a758891bdccf53c89c31ffd2fdde91b2cdb29ea3c80c8227499098b8f32574");
    // An import's bookkeeping is emptied when it completes.
    store.put("seen_file_backlog", EMPTY);
    store.put("import_progress", EMPTY);
    for (char digit : "0123456789abcdef".toCharArray()) {
      store.put("observation_backlog_" + digit, EMPTY);
    }
    return store;
  }

  private static List<String> linesUntil(Process process, String lastLinePrefix) throws Exception {
    List<String> lines = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      lines.add(line);
      if (line.startsWith(lastLinePrefix)) {
        return lines;
      }
    }
    throw new AssertionError("the demo ended before printing its welcome: " + lines);
  }

  private static Map<String, String> digests(Path directory) throws Exception {
    Map<String, String> digests = new LinkedHashMap<>();
    try (var files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        digests.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return digests;
  }

  /** The SHA-256 of each table's rows, every column, in the order of all its columns. */
  private static Map<String, String> storeDigests(Path database) throws Exception {
    Map<String, String> digests = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      for (String table : DEMO_STORE.keySet()) {
        int columns;
        try (ResultSet probe = statement.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
          columns = probe.getMetaData().getColumnCount();
        }
        StringBuilder order = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          order.append(c == 1 ? "" : ", ").append(c);
        }
        StringBuilder dump = new StringBuilder();
        try (ResultSet rows =
            statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
          ResultSetMetaData meta = rows.getMetaData();
          while (rows.next()) {
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              dump.append(c == 1 ? "" : "\t").append(rows.getString(c));
            }
            dump.append('\n');
          }
        }
        digests.put(table, sha256(dump.toString().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return digests;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
