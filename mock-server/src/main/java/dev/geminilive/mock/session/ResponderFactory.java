package dev.geminilive.mock.session;

import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.protocol.Setup;

/** Chooses who answers a session once its setup is accepted: the persona or a scenario. */
@FunctionalInterface
public interface ResponderFactory {
  Responder responderFor(SessionControl session);

  /**
   * Lets a scenario replace the model family's profile for one session, e.g. to relax or tighten
   * a rule. Called after the model id resolved to {@code resolved} and before the setup is checked
   * against it. The default keeps the family's profile.
   */
  default ModelProfile profileFor(ConnectionInfo connection, Setup setup, ModelProfile resolved) {
    return resolved;
  }
}
