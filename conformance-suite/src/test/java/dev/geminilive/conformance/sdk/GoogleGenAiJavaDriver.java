package dev.geminilive.conformance.sdk;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.ActivityEnd;
import com.google.genai.types.ActivityStart;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.AutomaticActivityDetection;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveClientContextUpdate;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveSendToolResponseParameters;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Part;
import com.google.genai.types.ProactivityConfig;
import com.google.genai.types.RealtimeInputConfig;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.DriverException;
import dev.geminilive.conformance.driver.FunctionDeclaration;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.ToolAnswer;
import dev.geminilive.conformance.driver.Turn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real google-genai Java SDK (2.0.0) as a conformance driver, in-process. It plays a plain
 * application: every request goes to the SDK's own API unchanged. The SDK only speaks wss, so
 * the suite runs the mock with TLS and the JVM trusts its certificate.
 */
public final class GoogleGenAiJavaDriver implements LiveDriver {
  private AsyncSession session;
  private Consumer<DriverEvent> events = e -> {};

  @Override
  public String name() {
    return "google-genai-java 2.0.0";
  }

  @Override
  public String layer() {
    return "bare library";
  }

  @Override
  public Set<Capability> capabilities() {
    // The SDK takes a resumption config but does not resume by itself: that would be driver logic.
    // It has no audio output of its own either, so playback is not its to report.
    return EnumSet.complementOf(EnumSet.of(Capability.SESSION_RESUMPTION, Capability.PLAYBACK));
  }

  @Override
  public boolean requiresTls() {
    return true;
  }

  @Override
  public void connect(ConnectRequest req, Consumer<DriverEvent> sink) throws Exception {
    this.events = sink;
    Client client = Client.builder().apiKey(req.apiKey())
        .httpOptions(HttpOptions.builder().baseUrl(req.baseUrl()).build()).build();
    LiveConnectConfig.Builder config = LiveConnectConfig.builder();
    if (req.responseModalities() != null) config.responseModalities(req.responseModalities().toArray(String[]::new));
    if (req.systemInstruction() != null) {
      config.systemInstruction(Content.builder().role("user").parts(Part.fromText(req.systemInstruction())).build());
    }
    if (req.inputTranscription()) config.inputAudioTranscription(AudioTranscriptionConfig.builder().build());
    if (req.outputTranscription()) config.outputAudioTranscription(AudioTranscriptionConfig.builder().build());
    if (!req.automaticActivityDetection()) {
      config.realtimeInputConfig(RealtimeInputConfig.builder()
          .automaticActivityDetection(AutomaticActivityDetection.builder().disabled(true).build()).build());
    }
    if (!req.tools().isEmpty()) {
      List<com.google.genai.types.FunctionDeclaration> decls = new ArrayList<>();
      for (FunctionDeclaration f : req.tools()) {
        com.google.genai.types.FunctionDeclaration.Builder d =
            com.google.genai.types.FunctionDeclaration.builder().name(f.name()).description(f.description());
        if (f.behavior() != null) d.behavior(f.behavior());
        decls.add(d.build());
      }
      config.tools(Tool.builder().functionDeclarations(decls).build());
    }
    if (req.thinkingLevel() != null || req.thinkingBudget() != null) {
      ThinkingConfig.Builder t = ThinkingConfig.builder();
      if (req.thinkingLevel() != null) t.thinkingLevel(req.thinkingLevel());
      if (req.thinkingBudget() != null) t.thinkingBudget(req.thinkingBudget());
      config.thinkingConfig(t.build());
    }
    if (req.affectiveDialog() != null) config.enableAffectiveDialog(req.affectiveDialog());
    if (req.proactiveAudio() != null) config.proactivity(ProactivityConfig.builder().proactiveAudio(req.proactiveAudio()).build());
    // 2.0.0 has no historyConfig in LiveConnectConfig: initial history can only go as clientContent.
    try {
      session = client.async.live.connect(req.model(), config.build()).get();
    } catch (ExecutionException e) {
      throw new DriverException(String.valueOf(e.getCause()), null, null);
    }
    session.receive(this::onMessage);
    sink.accept(new DriverEvent.Connected());
    if (!req.initialHistory().isEmpty()) {
      session.sendClientContent(LiveSendClientContentParameters.builder().turns(contents(req.initialHistory()))
          .turnComplete(true).build()).get(5, TimeUnit.SECONDS);
    }
  }

  private static List<Content> contents(List<Turn> turns) {
    return turns.stream().map(t -> Content.builder().role(t.role()).parts(Part.fromText(t.text())).build()).toList();
  }

  private void onMessage(LiveServerMessage msg) {
    msg.serverContent().ifPresent(sc -> {
      if (sc.interrupted().orElse(false)) events.accept(new DriverEvent.Interrupted());
      sc.modelTurn().flatMap(Content::parts).ifPresent(parts -> parts.forEach(p -> {
        p.inlineData().ifPresent(b -> events.accept(new DriverEvent.Audio(b.data().orElse(new byte[0]),
            rateOf(b.mimeType().orElse("")))));
        if (!p.thought().orElse(false)) p.text().ifPresent(t -> events.accept(new DriverEvent.Text(t)));
      }));
      sc.inputTranscription().flatMap(t -> t.text()).ifPresent(t -> events.accept(new DriverEvent.InputTranscript(t)));
      sc.outputTranscription().flatMap(t -> t.text()).ifPresent(t -> events.accept(new DriverEvent.OutputTranscript(t)));
      if (sc.turnComplete().orElse(false)) events.accept(new DriverEvent.TurnComplete());
    });
    msg.toolCall().flatMap(tc -> tc.functionCalls()).ifPresent(calls -> calls.forEach(c ->
        events.accept(new DriverEvent.ToolCall(c.id().orElse(null), c.name().orElse(null), c.args().orElse(Map.of())))));
    msg.toolCallCancellation().flatMap(c -> c.ids()).ifPresent(ids -> events.accept(new DriverEvent.ToolCancel(ids)));
  }

  private static int rateOf(String mime) {
    int i = mime.indexOf("rate=");
    return i < 0 ? 24_000 : Integer.parseInt(mime.substring(i + 5).split("[;,\\s]")[0]);
  }

  private void realtime(LiveSendRealtimeInputParameters p) throws Exception {
    session.sendRealtimeInput(p).get(5, TimeUnit.SECONDS);
  }

  @Override
  public void sendText(String text) throws Exception {
    realtime(LiveSendRealtimeInputParameters.builder().text(text).build());
  }

  @Override
  public void sendAudio(byte[] pcm, int sampleRate) throws Exception {
    // The application's microphone gives 50 ms buffers; each goes out as it comes.
    int step = sampleRate / 20 * 2;
    for (int at = 0; at < pcm.length; at += step) {
      byte[] chunk = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + step));
      realtime(LiveSendRealtimeInputParameters.builder()
          .audio(Blob.builder().data(chunk).mimeType("audio/pcm;rate=" + sampleRate).build()).build());
    }
  }

  @Override
  public void endAudio() throws Exception {
    realtime(LiveSendRealtimeInputParameters.builder().audioStreamEnd(true).build());
  }

  @Override
  public void activityStart() throws Exception {
    realtime(LiveSendRealtimeInputParameters.builder().activityStart(ActivityStart.builder().build()).build());
  }

  @Override
  public void activityEnd() throws Exception {
    realtime(LiveSendRealtimeInputParameters.builder().activityEnd(ActivityEnd.builder().build()).build());
  }

  @Override
  public void sendVideoFrame(byte[] image, String mimeType) throws Exception {
    realtime(LiveSendRealtimeInputParameters.builder()
        .video(Blob.builder().data(image).mimeType(mimeType).build()).build());
  }

  @Override
  public void updateInstructions(String text) throws Exception {
    // The Java SDK's own message for this.
    session.sendContextUpdate(LiveClientContextUpdate.builder()
        .systemInstruction(Content.builder().role("user").parts(Part.fromText(text)).build()).build())
        .get(5, TimeUnit.SECONDS);
  }

  @Override
  public void addContext(List<Turn> turns) throws Exception {
    session.sendClientContent(LiveSendClientContentParameters.builder().turns(contents(turns)).turnComplete(false)
        .build()).get(5, TimeUnit.SECONDS);
  }

  @Override
  public void requestReply() throws Exception {
    session.sendClientContent(LiveSendClientContentParameters.builder().turnComplete(true).build())
        .get(5, TimeUnit.SECONDS);
  }

  @Override
  public void respondToTool(List<ToolAnswer> answers) throws Exception {
    List<FunctionResponse> responses = new ArrayList<>();
    for (ToolAnswer a : answers) {
      FunctionResponse.Builder r = FunctionResponse.builder().id(a.id()).name(a.name())
          .response(Map.of("output", a.output()));
      if (a.scheduling() != null) r.scheduling(a.scheduling());
      responses.add(r.build());
    }
    session.sendToolResponse(LiveSendToolResponseParameters.builder().functionResponses(responses).build())
        .get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (session != null) {
      try {
        session.close().get(3, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // The SDK may never finish a close the server started.
      }
    }
  }
}
