package dev.geminilive.mock.rest;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock's messages through the mock's own SLF4J. The standalone WireMock jar carries a
 * relocated SLF4J of its own with no binding, so its {@code Slf4jNotifier} would log nothing.
 * Routine request logs stay at debug, as WireMock's non-verbose notifier keeps them quiet.
 */
final class WireMockLog implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("dev.geminilive.mock.wiremock");

  @Override
  public void info(String message) {
    LOG.debug(message);
  }

  @Override
  public void error(String message) {
    LOG.error(message);
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.error(message, t);
  }
}
