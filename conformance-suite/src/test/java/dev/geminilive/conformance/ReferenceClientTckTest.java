package dev.geminilive.conformance;

import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.junit.LiveClientConformance;
import dev.geminilive.conformance.reference.ReferenceClient;

/** How a client author plugs a Java client in: one class. Here, our reference client. */
class ReferenceClientTckTest extends LiveClientConformance {
  @Override
  protected LiveDriver createDriver() {
    return new ReferenceClient();
  }
}
