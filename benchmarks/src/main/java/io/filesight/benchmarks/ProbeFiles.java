package io.filesight.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Files whose prevalence the benchmarks must know exactly, added to the generated data: probe files
 * each seen on exactly {@link #MACHINES_PER_PROBE} machines, and one hot file seen on every
 * machine. Machine ids follow the demo generator's derivation, so they name generated machines.
 */
final class ProbeFiles {
  static final int MACHINES_PER_PROBE = 10;
  private static final String HEADER = "Timestamp,DeviceId,SHA1,SHA256,MD5,FileName,FolderPath\r\n";

  private final long seed;
  private final int machines;

  ProbeFiles(long seed, int machines) {
    if (machines < MACHINES_PER_PROBE) {
      throw new IllegalArgumentException("need at least " + MACHINES_PER_PROBE + " machines");
    }
    this.seed = seed;
    this.machines = machines;
  }

  static String probeSha1(int probe) {
    return hex("SHA-1", "probe:" + probe);
  }

  static String hotSha1() {
    return hex("SHA-1", "hot-file");
  }

  /** Writes the probes (and the hot file when asked) as an Advanced Hunting CSV. */
  List<String> write(Path csv, int probes, boolean hot) throws IOException {
    List<String> written = new ArrayList<>();
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      long stride = machines / MACHINES_PER_PROBE;
      for (int p = 0; p < probes; p++) {
        String label = "probe:" + p;
        written.add(probeSha1(p));
        for (int k = 0; k < MACHINES_PER_PROBE; k++) {
          // Spread over the whole id range, a different start per probe: distinct machines.
          int machine = (int) ((p * 7919L + k * stride) % machines);
          row(out, machine, probeSha1(p), label);
        }
      }
      if (hot) {
        for (int machine = 0; machine < machines; machine++) {
          row(out, machine, hotSha1(), "hot-file");
        }
      }
    }
    return written;
  }

  private void row(BufferedWriter out, int machine, String sha1, String label) throws IOException {
    String name = label.replace(':', '_') + ".exe";
    out.write("2025-06-01T00:00:00Z,");
    out.write(hex("SHA-1", "machine:" + seed + ":" + machine));
    out.write(',');
    out.write(sha1);
    out.write(',');
    out.write(hex("SHA-256", label));
    out.write(',');
    out.write(hex("MD5", label));
    out.write(',');
    out.write(name);
    out.write(",C:\\Temp\\");
    out.write(name);
    out.write("\r\n");
  }

  private static String hex(String algorithm, String label) {
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm).digest(label.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
