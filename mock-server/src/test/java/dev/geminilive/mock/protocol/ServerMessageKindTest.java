package dev.geminilive.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.ServerMessage.Transcription;
import dev.geminilive.mock.protocol.ServerMessage.UsageMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kind the journal files a server message under names its parts in a fixed order. */
class ServerMessageKindTest {
  private static final UsageMetadata USAGE =
      new UsageMetadata(1, null, 2, null, null, null, 3, null, null, null, null);

  @Test
  void kindsNameTheTopLevelPartsThenTheServerContentDetails() {
    assertThat(ServerMessage.setupComplete(null).kind()).isEqualTo("setupComplete");
    assertThat(ServerMessage.content(ServerContent.endOfGeneration()).kind())
        .isEqualTo("serverContent.generationComplete");
    assertThat(ServerMessage.content(ServerContent.endOfTurn().withInteractionStatus("IDLE"), USAGE).kind())
        .isEqualTo("serverContent.turnComplete.interactionStatus+usageMetadata");
    assertThat(ServerMessage.content(ServerContent.empty(), USAGE).kind()).isEqualTo("serverContent+usageMetadata");
    assertThat(ServerMessage.content(new ServerContent(
            new Content("model", List.of(Content.Part.text("hi"))), true, true, true,
            new Transcription("a", true), new Transcription("b", null), null, null, null, null)).kind())
        .isEqualTo("serverContent.modelTurn.inputTranscription.outputTranscription.generationComplete"
            + ".interrupted.turnComplete");
    assertThat(ServerMessage.content(ServerContent.interruption()).kind()).isEqualTo("serverContent.interrupted");
    assertThat(ServerMessage.toolCall(List.of()).kind()).isEqualTo("toolCall");
    assertThat(ServerMessage.toolCallCancellation(List.of("a")).kind()).isEqualTo("toolCallCancellation");
    assertThat(ServerMessage.goAway("5s").kind()).isEqualTo("goAway");
    assertThat(ServerMessage.resumptionUpdate("h", true).kind()).isEqualTo("sessionResumptionUpdate");
    assertThat(new ServerMessage(ServerMessage.setupComplete(null).setupComplete(), null, null, null,
            new ServerMessage.GoAway("1s"), null, USAGE).kind())
        .isEqualTo("setupComplete+goAway+usageMetadata");
  }

  @Test
  void aFalseFlagIsNotNamedAndEqualShapesShareOneString() {
    ServerMessage a = ServerMessage.content(new ServerContent(null, false, false, false, null, null, null, null, null, null));
    assertThat(a.kind()).isEqualTo("serverContent");
    ServerMessage b = ServerMessage.content(ServerContent.endOfTurn());
    ServerMessage c = ServerMessage.content(ServerContent.endOfTurn());
    assertThat(b.kind()).isSameAs(c.kind());
  }
}
