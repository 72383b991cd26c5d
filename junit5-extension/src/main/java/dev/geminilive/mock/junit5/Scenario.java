package dev.geminilive.mock.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects the scenario for one test: the {@link GeminiLiveMockRuntime} injected into it then has
 * {@code baseUrl() == baseUrlFor(value)}, i.e. the mock's root URL plus {@code /value}. SDKs keep
 * a base URL's path and add {@code /ws/...} after it, so the mock sees the scenario id as the path
 * prefix before {@code /ws/} and plays that scenario, for that connection only.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Scenario {
  /** The scenario id (its path prefix). */
  String value();
}
