package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.driver.LiveDriver;

/** Makes a fresh driver (a fresh client) for every case. */
@FunctionalInterface
public interface DriverFactory {
  LiveDriver create() throws Exception;
}
