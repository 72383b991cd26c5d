package dev.geminilive.conformance.reference;

/**
 * One deliberate bug the reference client can switch on: a mutant. Each mutant must fail exactly
 * the rules its bug breaks and pass all others; that is how the suite proves every rule can fail.
 */
public enum Fault {
  DOUBLE_SETUP("sends setup twice (a retry bug)"),
  BARE_MODEL_NAME("sends the model id without models/"),
  HANG_ON_EARLY_CLOSE("ignores a close before setupComplete: connect never returns"),
  SWALLOW_CLOSE_REASON("reports closes without code or reason"),
  WRONG_MIME("declares input audio as audio/L16"),
  URL_SAFE_BASE64("encodes audio with the URL-safe base64 alphabet"),
  ODD_BYTES("appends a stray byte to every audio chunk"),
  BIG_ENDIAN("sends big-endian samples"),
  MISLABELED_RATE("resamples to 16 kHz but declares rate=24000"),
  DROP_CHUNK("drops every eighth audio chunk"),
  DUPLICATE_CHUNK("sends every eighth audio chunk twice"),
  ONE_BIG_CHUNK("holds all audio back and sends it in one chunk at the end of the stream"),
  NO_TAIL_FLUSH("does not flush its last partial audio chunk at the end of the stream"),
  MEDIA_CHUNKS("sends audio in the deprecated mediaChunks"),
  NO_STREAM_END("never sends audioStreamEnd"),
  STREAM_END_IN_MANUAL("sends audioStreamEnd even with activity detection off"),
  WRONG_OUTPUT_RATE("reports model audio at 16000 Hz"),
  DROP_OUTPUT_CHUNK("loses the second model audio chunk"),
  IGNORES_INTERRUPTED("does not surface interrupted and keeps playing what it had buffered"),
  KEEPS_PLAYING_AFTER_INTERRUPTED("surfaces interrupted but plays the audio it had buffered to the end"),
  DROPS_TURN_COMPLETE("never surfaces turnComplete"),
  DROPS_TRANSCRIPTION("does not surface transcriptions"),
  WRONG_TOOL_ID("answers tool calls with a made-up id"),
  ANSWERS_CANCELLED("answers cancelled tool calls"),
  NON_BLOCKING_ON_31("declares NON_BLOCKING functions and scheduling on 3.1"),
  CLIENT_CONTENT_ON_31("sends mid-session updates as clientContent on 3.1"),
  USER_TEXT_AS_CLIENT_CONTENT("sends every user text turn as clientContent (as 2.5 allows), whatever the model"),
  TEXT_AFTER_TURN_AS_CLIENT_CONTENT("sends user text as clientContent once the model has answered, whatever the model"),
  CLOSES_AFTER_SETUP("closes its connection right after setup (a misplaced try-with-resources)"),
  SILENT_GATING("declines mid-session updates on 3.1 without a warning"),
  NO_HISTORY_CONFIG("sends initial history on 3.1 without historyConfig"),
  THINKING_PASSTHROUGH("sends the thinking field it was given, whatever the model"),
  AFFECTIVE_PASSTHROUGH("sends affective dialog and proactivity whatever the model"),
  GATES_38_LIKE_31("treats every 3.x model like 3.1: declines mid-session updates on 3.8"),
  NO_V1ALPHA("stays on v1beta with affective dialog on 2.5"),
  TEXT_MODALITY_PASSTHROUGH("sends responseModalities TEXT to native-audio models"),
  VIDEO_UNTHROTTLED("forwards every camera frame"),
  IGNORES_GOAWAY("does not resume after goAway"),
  CRASHES_ON_BAD_FRAME("gives up the connection on a server frame it cannot read");

  private final String description;

  Fault(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
