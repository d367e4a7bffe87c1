package io.filesight.bootstrap.lifecycle;

import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.Settings;
import io.filesight.domain.RateQuota;

/** The one line that refuses a start whose {@code --quota} is not the database's policy. */
final class QuotaMismatch {
  private QuotaMismatch() {}

  static ConfigurationException refused(String database, RateQuota stored, RateQuota asked) {
    return new ConfigurationException(
        Settings.describe("--quota")
            + ": asks for "
            + asked.describe()
            + " but the database "
            + database
            + " stores "
            + stored.describe()
            + ", which every instance sharing it enforces; start with --quota "
            + stored.describe()
            + ", or add --quota-replace to make "
            + asked.describe()
            + " the policy of every instance (running ones follow within "
            + FilesightServer.QUOTA_REFRESH.toSeconds()
            + " s)");
  }
}
