package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import java.util.List;

/** Chapter 7: the server's close reaches the application. */
final class ErrorRules {
  static final long CLOSE_BOUND_MS = 5_000;

  private ErrorRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("ERR-CLOSE-SURFACED").in(Chapter.ERRORS, Scenario.SERVER_CLOSE).needs(Capability.CLOSE_REPORTING)
            .title("the server's close code and reason reach the application")
            .requires("When the server closes an established session, the application sees the close code and "
                + "reason within " + CLOSE_BOUND_MS + " ms.")
            .source("live-api-facts 6.3 (reasons carry the cause, e.g. 1011 Internal error occurred.); "
                + "real-sdks-on-the-wire 2 (google-genai Java 2.0.0 only logs it)")
            .check(ErrorRules::closeSurfaced));
  }

  private static Finding closeSurfaced(Recording r) {
    String expected = "code " + TestSignals.SERVER_CLOSE_CODE + " and reason \"" + TestSignals.SERVER_CLOSE_REASON
        + "\" within " + CLOSE_BOUND_MS + " ms";
    double at = r.steps().stream().filter(s -> s.startsWith("server-close-at:"))
        .mapToDouble(s -> Double.parseDouble(s.substring(16))).findFirst().orElse(Double.NaN);
    if (Double.isNaN(at)) return Finding.notJudged(expected, "the session never got to the server's close");
    for (TimedEvent t : r.events()) {
      Integer code = null;
      String reason = null;
      if (t.event() instanceof DriverEvent.Closed c) {
        code = c.code();
        reason = c.reason();
      } else if (t.event() instanceof DriverEvent.Error e) {
        code = e.code();
        reason = e.reason();
      }
      if (code != null && code == TestSignals.SERVER_CLOSE_CODE && reason != null
          && reason.contains(TestSignals.SERVER_CLOSE_REASON) && t.millis() - at <= CLOSE_BOUND_MS) {
        return Finding.kept(expected, String.format("%s after %.0f ms", EventText.describe(t.event()), t.millis() - at));
      }
    }
    List<String> seen = r.events().stream().filter(t -> t.event() instanceof DriverEvent.Closed
        || t.event() instanceof DriverEvent.Error).map(t -> EventText.describe(t.event())).toList();
    return Finding.broken(expected, seen.isEmpty() ? "nothing reported" : "reported only: " + seen, r.timeline());
  }
}
