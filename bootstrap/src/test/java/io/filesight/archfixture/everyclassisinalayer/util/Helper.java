package io.filesight.archfixture.everyclassisinalayer.util;

/** Fixture: breaks the rule everyClassIsInALayer on purpose. */
public class Helper {
  int help;
}
