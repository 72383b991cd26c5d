package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.StdioDriver;
import dev.geminilive.conformance.reference.Fault;
import dev.geminilive.conformance.reference.ReferenceClient;
import java.nio.file.Path;

/**
 * Turns a {@code --driver} value into a factory: {@code reference}, {@code reference:FAULT} (a
 * mutant), {@code class:com.example.MyDriver} (a Java driver with a no-argument constructor on
 * the class path), or anything else: a command line that starts a stdio driver.
 */
public final class DriverSpec {
  private DriverSpec() {}

  public static DriverFactory parse(String spec, Path workDir) {
    if (spec.equals("reference")) {
      return ReferenceClient::new;
    }
    if (spec.startsWith("reference:")) {
      String name = spec.substring("reference:".length()).trim().toUpperCase(java.util.Locale.ROOT);
      Fault fault;
      try {
        fault = Fault.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("no reference-client fault " + name);
      }
      return () -> new ReferenceClient(fault);
    }
    if (spec.startsWith("class:")) {
      String name = spec.substring("class:".length()).trim();
      return () -> (LiveDriver) Class.forName(name).getDeclaredConstructor().newInstance();
    }
    return () -> new StdioDriver(spec, workDir);
  }
}
