package dev.geminilive.mock.admin;

import java.util.Optional;

/**
 * Extra admin routes contributed by another capability (e.g. scenarios), so the admin package
 * depends on nothing it serves.
 */
@FunctionalInterface
public interface AdminRoutes {
  /**
   * @param method HTTP method
   * @param route the path after {@code /__admin/}, without a trailing slash
   * @param body the request body, empty when none
   * @return an answer, or empty when the route is not this extension's
   */
  Optional<AdminApi.Response> handle(String method, String route, byte[] body);

  /**
   * True for the routes this extension serves, so that other {@code /__admin/} paths can go to a
   * REST companion (WireMock's own admin API).
   */
  default boolean owns(String route) {
    return false;
  }

  /** A streaming answer for {@code route} (server-sent events), or empty when it has none. */
  default Optional<AdminStream> stream(String method, String route) {
    return Optional.empty();
  }
}
