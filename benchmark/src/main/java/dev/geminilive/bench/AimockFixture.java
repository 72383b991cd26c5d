package dev.geminilive.bench;

import dev.geminilive.mock.audio.PersonaVoice;
import java.util.Base64;

/**
 * Prints the aimock fixture for the benchmark: the user turn "hello" answered with the persona's
 * own 1.2 s of 24 kHz PCM, so aimock sends the same audio bytes as the mock and the floor (in one
 * message; aimock has no paced chunking for Gemini Live).
 */
public final class AimockFixture {
  private AimockFixture() {}

  public static void main(String[] args) {
    String audio = Base64.getEncoder().encodeToString(PersonaVoice.pcm());
    System.out.println("{\"fixtures\":[{\"match\":{\"userMessage\":\"hello\"},"
        + "\"response\":{\"audio\":\"" + audio + "\",\"format\":\"pcm\",\"content\":\"" + PersonaVoice.TRANSCRIPT + "\"}}]}");
  }
}
