package dev.geminilive.mock.persona;

import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.FunctionCall;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.protocol.Setup.FunctionDeclaration;
import dev.geminilive.mock.protocol.ToolResponse.FunctionResponse;
import dev.geminilive.mock.session.SessionControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The persona's only tool behaviour, so function-calling rules can be exercised end to end with a
 * real client: when a user's text turn contains the name of a function declared in setup, the
 * persona calls that function (empty {@code args}) before it answers. Calls are tracked here until
 * their response arrives or a barge-in cancels them.
 */
final class PersonaTools {
  /** One call the persona made and still waits on. */
  record Pending(String id, String name, boolean nonBlocking, FunctionDeclaration declaration) {}

  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private int next;

  /** The declared function {@code text} names, if any (the first in declaration order). */
  static Optional<FunctionDeclaration> named(Setup setup, String text) {
    if (text == null || setup.tools() == null) {
      return Optional.empty();
    }
    for (Setup.Tool tool : setup.tools()) {
      if (tool != null && tool.functionDeclarations() != null) {
        for (FunctionDeclaration f : tool.functionDeclarations()) {
          if (f != null && f.name() != null && !f.name().isEmpty() && text.contains(f.name())) {
            return Optional.of(f);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Sends a {@code toolCall} for {@code f}; returns the call. */
  Pending call(FunctionDeclaration f, SessionControl control) {
    // A declaration without behavior gets the family's default (NON_BLOCKING on 3.8).
    boolean nonBlocking = control.profile().functions().runsNonBlocking(f.behavior());
    // Unique within the server's lifetime: the session id plus a counter.
    String id = "function-call-" + control.connection().sessionId() + "-" + (++next);
    Pending p = new Pending(id, f.name(), nonBlocking, f);
    pending.put(id, p);
    control.send(ServerMessage.toolCall(List.of(
        new FunctionCall(id, f.name(), LiveJson.mapper().createObjectNode()))));
    control.note("persona-tool", "called " + f.name() + " as " + id
        + (nonBlocking ? " (NON_BLOCKING: keeps talking)" : " (blocking: waits for the response)"));
    return p;
  }

  /** The pending call a response answers: by id, or by name when the id is absent (Vertex). */
  Optional<Pending> answer(FunctionResponse r) {
    Pending p = null;
    if (r.id() != null) {
      p = pending.get(r.id());
    } else if (r.name() != null) {
      p = pending.values().stream().filter(x -> x.name().equals(r.name())).findFirst().orElse(null);
    }
    if (p != null && !Boolean.TRUE.equals(r.willContinue())) {
      pending.remove(p.id());
    }
    return Optional.ofNullable(p);
  }

  boolean anyBlocking() {
    return pending.values().stream().anyMatch(p -> !p.nonBlocking());
  }

  boolean anyNonBlocking() {
    return pending.values().stream().anyMatch(Pending::nonBlocking);
  }

  /** Forgets the blocking calls (non-blocking ones run on); returns them. */
  List<Pending> dropBlocking() {
    List<Pending> dropped = pending.values().stream().filter(p -> !p.nonBlocking()).toList();
    dropped.forEach(p -> pending.remove(p.id()));
    return dropped;
  }

  /** Cancels every pending call; returns their ids. */
  List<String> cancelAll() {
    List<String> ids = new ArrayList<>(pending.keySet());
    pending.clear();
    return ids;
  }
}
