package dev.geminilive.mock.session;

import dev.geminilive.mock.profile.ApiFlavour;

/**
 * What the WebSocket upgrade said about a session.
 *
 * @param sessionId the journal's id for this session
 * @param flavour Developer API or Vertex AI
 * @param apiVersion {@code v1beta}, {@code v1alpha}, {@code v1beta1}, ...
 * @param constrained true for {@code BidiGenerateContentConstrained} (ephemeral tokens)
 * @param prefix the path before {@code /ws/}, used to select a scenario; empty when none
 * @param credentialKind how the client authenticated: {@code api-key}, {@code bearer},
 *     {@code ephemeral-token} or {@code none}
 * @param credentialPlacement {@code query} or {@code header}
 * @param credentialValue the secret itself, only so a scenario can be selected by API key value;
 *     never journalled or logged, and left out of {@link #toString()}
 */
public record ConnectionInfo(
    String sessionId,
    ApiFlavour flavour,
    String apiVersion,
    boolean constrained,
    String prefix,
    String credentialKind,
    String credentialPlacement,
    String credentialValue) {

  @Override
  public String toString() {
    return "ConnectionInfo[sessionId=" + sessionId + ", flavour=" + flavour + ", apiVersion="
        + apiVersion + ", constrained=" + constrained + ", prefix=" + prefix + ", credentialKind="
        + credentialKind + ", credentialPlacement=" + credentialPlacement + "]";
  }
}
