package io.filesight.adapter.imports.generate;

import io.filesight.domain.DefenderTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Writes generated observations as Advanced Hunting CSV rows (RFC 4180 quoting). */
final class ObservationRows {
  static final String HEADER =
      "Timestamp,DeviceId,DeviceName,ActionType,FileName,FolderPath,SHA1,SHA256,MD5,FileSize,"
          + "InitiatingProcessFileName\r\n";
  private static final String[] NAMES = {
    "setup", "update", "invoice", "report", "helper", "agent", "driver", "tool", "plugin", "svc"
  };
  private static final String[] EXTENSIONS = {".exe", ".dll", ".ps1", ".msi", ".js", ".bin"};
  private static final String[] FOLDERS = {
    "C:\\Program Files\\Contoso, Ltd\\App",
    "C:\\Users\\Public\\Downloads",
    "C:\\Windows\\Temp",
    "C:\\ProgramData\\\"Vendor\" Tools",
    "/usr/local/bin",
    "/Applications/Utility.app/Contents/MacOS"
  };
  private static final String[] ACTIONS = {"FileCreated", "FileModified", "FileRenamed"};
  private static final String[] INITIATORS = {
    "explorer.exe", "msedge.exe", "powershell.exe", "svchost.exe"
  };
  private static final long WINDOW_100NS = 90L * 86_400 * 10_000_000;

  private final GeneratorSettings settings;
  private final List<String> machineIds;
  private final Digests digests;
  private final Instant now;
  private final StringBuilder line = new StringBuilder(512);

  ObservationRows(
      GeneratorSettings settings, List<String> machineIds, Digests digests, Instant now) {
    this.settings = settings;
    this.machineIds = machineIds;
    this.digests = digests;
    this.now = now;
  }

  /** A row of the Defender example file on {@code machine}. */
  String demoRow(int machine, SplittableRandom random) {
    String label = "demo-file";
    return row(
        DemoDataGenerator.DEMO_SHA1,
        digests.sha256(label),
        digests.md5(label),
        "invoice_viewer.exe",
        machine,
        random);
  }

  /** A row of generated file {@code file} on {@code machine}. */
  String row(int file, int machine, SplittableRandom random) {
    String label = "file:" + settings.seed() + ":" + file;
    String name =
        NAMES[file % NAMES.length]
            + "_"
            + file
            + EXTENSIONS[(file / NAMES.length) % EXTENSIONS.length];
    return row(
        digests.sha1(label), digests.sha256(label), digests.md5(label), name, machine, random);
  }

  private String row(
      String sha1, String sha256, String md5, String name, int machine, SplittableRandom random) {
    Instant at = now.minusNanos(100 * (long) (random.nextDouble() * WINDOW_100NS));
    line.setLength(0);
    line.append(DefenderTimestamps.formatPadded(at))
        .append(',')
        .append(machineIds.get(machine))
        .append(',')
        .append(MachineEntities.dnsName(machine))
        .append(',')
        .append(ACTIONS[random.nextInt(ACTIONS.length)])
        .append(',');
    quoted(name);
    line.append(',');
    String folder = FOLDERS[random.nextInt(FOLDERS.length)];
    quoted(folder + (folder.startsWith("/") ? "/" : "\\") + name);
    line.append(',')
        .append(sha1)
        .append(',')
        .append(sha256)
        .append(',')
        .append(md5)
        .append(',')
        .append(1024 + random.nextInt(50_000_000))
        .append(',')
        .append(INITIATORS[random.nextInt(INITIATORS.length)])
        .append("\r\n");
    return line.toString();
  }

  private void quoted(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
      line.append(field);
      return;
    }
    line.append('"').append(field.replace("\"", "\"\"")).append('"');
  }
}
