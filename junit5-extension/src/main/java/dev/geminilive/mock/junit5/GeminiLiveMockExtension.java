package dev.geminilive.mock.junit5;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Behind {@link GeminiLiveMock}: one mock per annotated test class (shared by its
 * {@code @Nested} classes), journals cleared before each test, scenarios a test added from Java
 * removed after it, {@link GeminiLiveMockRuntime} parameters resolved with the test's
 * {@link Scenario}.
 */
public final class GeminiLiveMockExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(GeminiLiveMockExtension.class);
  private static final String KEY = "mock";

  @Override
  public void beforeAll(ExtensionContext context) {
    if (context.getStore(NS).get(KEY) != null) {
      return; // a @Nested class: the enclosing class's mock serves it
    }
    GeminiLiveMock options = options(context);
    context.getStore(NS).put(KEY, RunningMock.start(options));
    context.getStore(NS).put(KEY + ".owner", context.getUniqueId());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(context.getStore(NS).get(KEY + ".owner", String.class))) {
      RunningMock mock = context.getStore(NS).remove(KEY, RunningMock.class);
      if (mock != null) {
        mock.close();
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    mock(context).resetJournals();
    mock(context).testStarted();
  }

  /** Scenarios the test added from Java go with it. */
  @Override
  public void afterEach(ExtensionContext context) {
    mock(context).testEnded();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == GeminiLiveMockRuntime.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new GeminiLiveMockRuntime(mock(context), scenarioFor(context));
  }

  private static String scenarioFor(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    Optional<Scenario> scenario = method.flatMap(m -> AnnotationSupport.findAnnotation(m, Scenario.class));
    if (scenario.isPresent()) {
      return scenario.get().value();
    }
    return options(context).defaultScenario();
  }

  private static RunningMock mock(ExtensionContext context) {
    RunningMock mock = context.getStore(NS).get(KEY, RunningMock.class);
    if (mock == null) {
      throw new ExtensionConfigurationException(
          "GeminiLiveMockRuntime is available only in classes annotated with @GeminiLiveMock");
    }
    return mock;
  }

  private static GeminiLiveMock options(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      Optional<GeminiLiveMock> found = c.get().getTestClass()
          .flatMap(type -> AnnotationSupport.findAnnotation(type, GeminiLiveMock.class));
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new ExtensionConfigurationException("no @GeminiLiveMock on " + context.getDisplayName());
  }
}
