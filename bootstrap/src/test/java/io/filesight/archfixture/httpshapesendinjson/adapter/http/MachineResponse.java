package io.filesight.archfixture.httpshapesendinjson.adapter.http;

/** Fixture: breaks the rule httpShapesEndInJson on purpose. */
public class MachineResponse {
  String id;
}
