package io.filesight.application.port.in;

import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.Page;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The answer of {@link FindRelatedMachines}: the file's visible machines, or "never seen". */
public sealed interface RelatedMachines {

  FileHash file();

  /**
   * The file was seen in the tenant; {@code machines} are those of this page the caller may see
   * (possibly none), in a stable order.
   *
   * @param nextPage the page holding further machines, when there are more
   */
  record Found(FileHash file, List<Machine> machines, Optional<Page> nextPage)
      implements RelatedMachines {
    public Found {
      Objects.requireNonNull(file, "file");
      machines = List.copyOf(machines);
      Objects.requireNonNull(nextPage, "nextPage");
    }
  }

  /** The file was never seen on any machine of the tenant. */
  record UnknownFile(FileHash file) implements RelatedMachines {
    public UnknownFile {
      Objects.requireNonNull(file, "file");
    }
  }
}
