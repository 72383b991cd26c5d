package dev.geminilive.mock.profile;

import dev.geminilive.mock.protocol.ClientContent;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.FunctionCall;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.protocol.ToolResponse;
import dev.geminilive.mock.protocol.ToolResponse.FunctionResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which client messages a family allows in which phase of a session: {@code clientContent} only
 * as initial history on 3.1, activity signals only with the matching activity detection mode,
 * {@code mediaChunks}, and tool responses only for calls still outstanding. It watches the
 * server's messages too, because the first model turn and every {@code toolCall} change what is
 * allowed. One per session; called on the session's event loop only.
 */
public final class MessageGate {
  /** What to do with one client message: pass {@code message} on (possibly trimmed), or react. */
  public record Verdict(ClientMessage message, RuleBreak broken) {
    static Verdict pass(ClientMessage m) {
      return new Verdict(m, null);
    }
  }

  private final ModelProfile profile;
  private final Setup setup;
  private final ApiFlavour flavour;
  private boolean historyClosed;
  private final Set<String> issuedIds = new HashSet<>();
  /** Outstanding call ids and their function names (Vertex may answer by name alone). */
  private final Map<String, String> outstandingIds = new LinkedHashMap<>();
  private final Set<String> cancelledIds = new HashSet<>();
  /** Calls the model dropped without a cancellation (3.8 after a barge-in). */
  private final Set<String> droppedIds = new HashSet<>();

  public MessageGate(ModelProfile profile, Setup setup, ApiFlavour flavour) {
    this.profile = profile;
    this.setup = setup;
    this.flavour = flavour;
  }

  /** True once initial history can no longer be sent (kept over a resumption). */
  public boolean historyClosed() {
    return historyClosed;
  }

  public void closeHistory() {
    historyClosed = true;
  }

  /** Ids of calls issued and neither answered for good nor cancelled. */
  public Set<String> outstandingCallIds() {
    return Set.copyOf(outstandingIds.keySet());
  }

  /** The model gave up these calls without telling the client; a late response is then unknown. */
  public void dropCalls(java.util.Collection<String> ids) {
    for (String id : ids) {
      if (outstandingIds.remove(id) != null) {
        droppedIds.add(id);
      }
    }
  }

  public Verdict check(ClientMessage message, List<Finding> findings) {
    if (message instanceof ClientContent content) {
      return clientContent(content);
    }
    if (message instanceof RealtimeInput input) {
      return realtimeInput(input, findings);
    }
    if (message instanceof ToolResponse response) {
      return toolResponse(response, findings);
    }
    return Verdict.pass(message);
  }

  private Verdict clientContent(ClientContent content) {
    ClientContentRule rule = profile.clientContent();
    if (!rule.initialHistoryOnly()) {
      return Verdict.pass(content);
    }
    boolean historyAsked = setup.historyConfig() != null
        && Boolean.TRUE.equals(setup.historyConfig().initialHistoryInClientContent());
    if (!historyAsked || historyClosed) {
      String why = !historyAsked
          ? "clientContent needs setup.historyConfig.initialHistoryInClientContent: true on "
              + profile.family() + "; send text as realtimeInput.text."
          : "clientContent is only allowed as initial history, before the first model turn.";
      return new Verdict(null, new RuleBreak("clientContent.onViolation", rule.onViolation(), why));
    }
    if (content.isTurnComplete()) {
      historyClosed = true; // the history ends with the message that completes it
    }
    return Verdict.pass(content);
  }

  private Verdict realtimeInput(RealtimeInput input, List<Finding> findings) {
    RealtimeInputRules rules = profile.realtimeInput();
    boolean automatic = setup.automaticActivityDetection();
    switch (input.field()) {
      case "mediaChunks" -> {
        return react("realtimeInput.mediaChunks", rules.mediaChunks(), input, findings,
            "realtimeInput.mediaChunks is deprecated; send audio, video or text.");
      }
      case "activityStart", "activityEnd" -> {
        if (automatic) {
          return react("realtimeInput.activityWithAutomaticDetection",
              rules.activityWithAutomaticDetection(), input, findings,
              "realtimeInput." + input.field() + " sent while automatic activity detection is on.");
        }
      }
      case "audioStreamEnd" -> {
        if (!automatic) {
          return react("realtimeInput.audioStreamEndWithoutAutomaticDetection",
              rules.audioStreamEndWithoutAutomaticDetection(), input, findings,
              "realtimeInput.audioStreamEnd sent while automatic activity detection is off.");
        }
      }
      default -> { }
    }
    return Verdict.pass(input);
  }

  private Verdict toolResponse(ToolResponse response, List<Finding> findings) {
    FunctionRules rules = profile.functions();
    List<FunctionResponse> kept = new ArrayList<>();
    List<FunctionResponse> all =
        response.functionResponses() == null ? List.of() : response.functionResponses();
    for (int i = 0; i < all.size(); i++) {
      FunctionResponse r = all.get(i);
      if (r.id() == null || r.id().isEmpty()) {
        if (flavour == ApiFlavour.DEVELOPER && !rules.missingId().accepts()) {
          RuleBreak b = new RuleBreak("functions.missingId", rules.missingId(),
              "Invalid value at 'tool_response.function_responses[" + i + "].id': missing.");
          if (!rules.missingId().ignores()) {
            return new Verdict(null, b);
          }
          findings.add(new Finding(b.rule(), b.detail()));
          continue;
        }
        if (!Boolean.TRUE.equals(r.willContinue())) {
          outstandingIds.values().remove(r.name()); // answered by name: the oldest call of that name
        }
        kept.add(r);
        continue;
      }
      if (!outstandingIds.containsKey(r.id())) {
        String what = cancelledIds.contains(r.id()) ? "was cancelled"
            : droppedIds.contains(r.id()) ? "the model dropped after a barge-in"
            : issuedIds.contains(r.id()) ? "was already answered" : "was never issued";
        RuleBreak b = new RuleBreak("functions.unknownId", rules.unknownId(),
            "toolResponse for function call id '" + r.id() + "', which " + what + ".");
        findings.add(new Finding(b.rule(), b.detail()));
        if (rules.unknownId().accepts()) {
          kept.add(r);
        } else if (!rules.unknownId().ignores()) {
          return new Verdict(null, b);
        }
        continue;
      }
      if (!Boolean.TRUE.equals(r.willContinue())) {
        outstandingIds.remove(r.id());
      }
      kept.add(r);
    }
    if (kept.isEmpty() && !all.isEmpty()) {
      return new Verdict(null, null); // nothing left to act on
    }
    return Verdict.pass(kept.size() == all.size() ? response : new ToolResponse(kept));
  }

  private static Verdict react(
      String rule, Reaction reaction, ClientMessage m, List<Finding> findings, String detail) {
    if (reaction.accepts()) {
      findings.add(new Finding(rule, detail));
      return Verdict.pass(m);
    }
    if (reaction.ignores()) {
      findings.add(new Finding(rule, detail + " Ignored."));
      return new Verdict(null, null);
    }
    return new Verdict(null, new RuleBreak(rule, reaction, detail));
  }

  /** Every message the server sends, before it goes out. Problems of the responder go to findings. */
  public void onServerMessage(ServerMessage message, List<Finding> findings) {
    if (message.serverContent() != null && message.serverContent().modelTurn() != null) {
      historyClosed = true;
    }
    if (message.toolCall() != null && message.toolCall().functionCalls() != null) {
      historyClosed = true;
      for (FunctionCall call : message.toolCall().functionCalls()) {
        if (call.id() == null || !issuedIds.add(call.id())) {
          findings.add(new Finding("server.toolCallId",
              "the responder issued a missing or repeated function call id: " + call.id()));
        } else {
          outstandingIds.put(call.id(), call.name());
        }
      }
    }
    if (message.toolCallCancellation() != null && message.toolCallCancellation().ids() != null) {
      for (String id : message.toolCallCancellation().ids()) {
        if (outstandingIds.remove(id) != null) {
          cancelledIds.add(id);
        }
      }
    }
  }
}
