package dev.geminilive.mock.session;

/** Chooses who answers a session once its setup is accepted: the persona or a scenario. */
@FunctionalInterface
public interface ResponderFactory {
  Responder responderFor(SessionControl session);
}
