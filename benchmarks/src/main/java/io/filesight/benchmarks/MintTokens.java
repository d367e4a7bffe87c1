package io.filesight.benchmarks;

import io.filesight.adapter.auth.DevelopmentKeys;
import io.filesight.adapter.auth.DevelopmentTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Mints application tokens for distinct applications, one a line, so that a load spread over them
 * never reaches the per-application quota: {@code --keys DIR --tenant T --prefix P --count N --out
 * FILE}.
 */
public final class MintTokens {
  private MintTokens() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    DevelopmentTokens tokens = new DevelopmentTokens(DevelopmentKeys.load(args.path("keys")));
    String tenant = args.text("tenant");
    String prefix = args.text("prefix");
    List<String> minted =
        IntStream.range(0, args.integer("count"))
            .parallel()
            .mapToObj(
                i ->
                    tokens.application(
                        tenant, prefix + i, List.of("Machine.Read.All"), Duration.ofHours(2)))
            .collect(Collectors.toList());
    Path out = args.path("out");
    Files.write(out, minted, StandardCharsets.UTF_8);
  }
}
