package io.filesight.adapter.imports.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.imports.DefenderFiles;
import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.application.service.ImportMachinesService;
import io.filesight.application.service.ImportObservationsService;
import io.filesight.application.service.ReplaceAccessConfigurationService;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.AccessPolicy;
import io.filesight.domain.DelegatedCaller;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.Machine;
import io.filesight.domain.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorTest {
  @TempDir Path directory;

  @Test
  void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws Exception {
    DemoDataGenerator generator = new DemoDataGenerator();
    GeneratorSettings settings = new GeneratorSettings(50, 100, 2_000, 9);

    GeneratedFiles a = generator.generate(settings, directory.resolve("a"));
    GeneratedFiles b = generator.generate(settings, directory.resolve("b"));
    GeneratedFiles c =
        generator.generate(new GeneratorSettings(50, 100, 2_000, 10), directory.resolve("c"));

    for (Path[] pair :
        new Path[][] {
          {a.machines(), b.machines()},
          {a.observations(), b.observations()},
          {a.access(), b.access()}
        }) {
      assertThat(Files.readAllBytes(pair[0])).isEqualTo(Files.readAllBytes(pair[1]));
    }
    assertThat(Files.readAllBytes(c.observations()))
        .isNotEqualTo(Files.readAllBytes(a.observations()));
    assertThat(Files.lines(a.observations()).count()).isEqualTo(2_001);
  }

  @Test
  void demoDataImportsCleanlyAndAnswersTheDocumentationExample() throws Exception {
    GeneratedFiles files =
        new DemoDataGenerator().generate(GeneratorSettings.demo(), directory.resolve("demo"));

    InMemoryStore repository = new InMemoryStore();
    InMemoryAccessDirectory directory = new InMemoryAccessDirectory();
    DefenderFiles importer = importer(repository, directory);
    {
      ImportSummary machines =
          importer.machines(files.machines(), ImportOptions.defaults(), ImportListener.silent());
      ImportSummary observations =
          importer.observations(
              files.observations(), ImportOptions.defaults(), ImportListener.silent());
      importer.access(files.access());

      assertThat(machines).isEqualTo(new ImportSummary(200, 200, 0, 0));
      assertThat(observations.read()).isEqualTo(20_000);
      assertThat(observations.rejected()).isZero();
      MachineSlice example =
          repository
              .findSeenWith(
                  FileHash.parse(DemoDataGenerator.DEMO_SHA1), GroupScope.all(), Page.first())
              .orElseThrow();
      assertThat(example.machines()).hasSizeBetween(3, 10);
      assertThat(groupsOf(example)).contains(DemoDataGenerator.FINANCE_GROUP_ID, 0L);

      // An analyst sees Finance, Engineering, Kiosks (no user group) and ungrouped, not Servers.
      AccessConfiguration access = directory.accessConfiguration();
      DelegatedCaller analyst =
          new DelegatedCaller(
              "tenant",
              "app",
              "user",
              Set.of(io.filesight.domain.Permission.MACHINE_READ),
              Set.of(DemoDataGenerator.ANALYSTS_USER_GROUP));
      AccessPolicy.requireMachineRead(analyst, access);
      GroupScope scope = AccessPolicy.visibleGroups(analyst, access);
      Set<Long> seen =
          groupsOf(
              repository
                  .findSeenWith(FileHash.parse(DemoDataGenerator.DEMO_SHA1), scope, Page.first())
                  .orElseThrow());
      assertThat(seen).doesNotContain(DemoDataGenerator.SERVERS_GROUP_ID).isNotEmpty();
    }
  }

  @Test
  void aFewFilesAreOnMostMachinesAndMostFilesOnFew() throws Exception {
    GeneratedFiles files =
        new DemoDataGenerator()
            .generate(new GeneratorSettings(400, 5000, 40_000, 3), directory.resolve("tail"));

    InMemoryStore store = new InMemoryStore();
    {
      importer(store, new InMemoryAccessDirectory())
          .observations(files.observations(), ImportOptions.defaults(), ImportListener.silent());
      List<Integer> prevalence =
          store.machinesPerFile().values().stream()
              .sorted(java.util.Comparator.reverseOrder())
              .toList();

      assertThat(prevalence.get(0)).isGreaterThan(300);
      assertThat(prevalence.get(prevalence.size() / 2)).isLessThan(10);
    }
  }

  private static DefenderFiles importer(InMemoryStore store, InMemoryAccessDirectory access) {
    return new DefenderFiles(
        new ImportMachinesService(store.machineStore()),
        new ImportObservationsService(store.observationStore()),
        new ReplaceAccessConfigurationService(access));
  }

  private static Set<Long> groupsOf(MachineSlice slice) {
    Set<Long> groups = new HashSet<>();
    for (Machine machine : slice.machines()) {
      groups.add(machine.rbacGroupId());
    }
    return groups;
  }
}
