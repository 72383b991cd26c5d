package com.example.live;

import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.junit.LiveClientConformance;
import dev.geminilive.conformance.reference.ReferenceClient;
import java.util.List;

/**
 * One JUnit test per conformance rule for a Live client. Here the suite's own reference client
 * stands in for yours: return a driver for your client from createDriver().
 */
class MyClientConformanceTest extends LiveClientConformance {
  @Override
  protected LiveDriver createDriver() {
    return new ReferenceClient();
  }

  /** One model keeps the example quick; the default runs one of each model family. */
  @Override
  protected List<String> models() {
    return List.of("gemini-3.1-flash-live-preview");
  }
}
