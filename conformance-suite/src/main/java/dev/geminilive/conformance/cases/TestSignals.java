package dev.geminilive.conformance.cases;

/**
 * The known signals the suite feeds and plays: a 1 kHz tone followed by a linear chirp. The tone
 * tells the rate (its frequency read at the declared rate), the cycle count of the whole signal
 * tells gaps and duplicates (it does not depend on the rate), and the chirp makes every chunk
 * different so a reordered or repeated chunk changes the bytes.
 */
public final class TestSignals {
  public static final double TONE_HZ = 1000;
  public static final int TONE_MS = 600;
  public static final double CHIRP_FROM_HZ = 300;
  public static final double CHIRP_TO_HZ = 3000;
  /** Not a multiple of 50 ms, so a client that re-chunks has a last partial chunk to flush. */
  public static final int CHIRP_MS = 630;
  public static final int AMPLITUDE = 8000;
  /** The server's model audio rate. */
  public static final int OUTPUT_RATE = 24_000;

  /** What the server says it heard, and the transcript of its reply, in pieces. */
  public static final String INPUT_TRANSCRIPT = "Hello from the conformance suite.";
  public static final java.util.List<String> OUTPUT_TRANSCRIPT = java.util.List.of("Hi, ", "this is ", "the mock.");
  /** Model audio of the reply in TEXT_TURN; the server sends it in chunks of uneven size. */
  public static final int REPLY_MS = 480;

  /** Milliseconds of microphone audio per {@code sendAudio} call, as an application's capture callback gives it. */
  public static final int APP_BUFFER_MS = 40;
  /** The model reply the INTERRUPT case streams before it interrupts it. */
  public static final int INTERRUPTED_REPLY_MS = 2_000;
  /** The user's text turns of the CONVERSATION case, in order (the third asks for the tool). */
  public static final java.util.List<String> CONVERSATION_TEXTS = java.util.List.of(
      "Hello, who are you?", "And what can you do?", "What is the weather in Paris?", "Thanks, goodbye.");
  /** The tool call in the middle of the conversation. */
  public static final String CONVERSATION_CALL_ID = "call-c1";
  /** The initial history the MID_SESSION case asks for. */
  public static final java.util.List<dev.geminilive.conformance.driver.Turn> INITIAL_HISTORY = java.util.List.of(
      new dev.geminilive.conformance.driver.Turn("user", "My name is Ada."),
      new dev.geminilive.conformance.driver.Turn("model", "Nice to meet you, Ada."));

  /** The tool calls of the TOOLS case; the second one is cancelled before it is answered. */
  public static final String WEATHER_CALL_ID = "call-w1";
  public static final String WEATHER_FUNCTION = "get_weather";
  public static final String TIME_CALL_ID = "call-t2";
  public static final String TIME_FUNCTION = "get_time";
  /** The close the SERVER_CLOSE case makes the server send. */
  public static final int SERVER_CLOSE_CODE = 1011;
  public static final String SERVER_CLOSE_REASON = "Internal error occurred.";

  /** What the BAD_SERVER_FRAMES case sends before a normal turn. */
  public static final String NOT_JSON_FRAME = "this is not JSON {";
  public static final String UNKNOWN_MESSAGE = "{\"someFutureMessage\":{\"detail\":1}}";

  /** The resumption handle the GO_AWAY case hands out. */
  public static final String RESUMPTION_HANDLE = "conformance-handle-1";
  /** Frames the camera gives in the VIDEO case, one every 100 ms. */
  public static final int CAMERA_FRAMES = 10;
  public static final int CAMERA_INTERVAL_MS = 100;

  private TestSignals() {}

  /** A small real JPEG, as a camera frame. */
  public static byte[] cameraFrame(int index) {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, ((x * 4 + index * 20) & 0xFF) << 16 | (y * 5 & 0xFF) << 8 | 0x40);
      }
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "jpg", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Tone then chirp at {@code rate}, PCM16LE mono, phase-continuous. */
  public static byte[] microphone(int rate) {
    int toneN = rate * TONE_MS / 1000;
    int chirpN = rate * CHIRP_MS / 1000;
    short[] s = new short[toneN + chirpN];
    double phase = 0;
    for (int i = 0; i < s.length; i++) {
      double f;
      if (i < toneN) {
        f = TONE_HZ;
      } else {
        double t = (i - toneN) / (double) chirpN;
        f = CHIRP_FROM_HZ + (CHIRP_TO_HZ - CHIRP_FROM_HZ) * t;
      }
      phase += 2 * Math.PI * f / rate;
      s[i] = (short) Math.round(AMPLITUDE * Math.sin(phase));
    }
    return littleEndian(s);
  }

  /** A short tone for the manual-activity case. */
  public static byte[] shortTone(int rate, int millis) {
    short[] s = new short[rate * millis / 1000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * i / rate));
    }
    return littleEndian(s);
  }

  /** The model audio the server plays: a chirp at 24 kHz, every chunk different. */
  public static byte[] modelVoice(int millis) {
    int n = OUTPUT_RATE * millis / 1000;
    short[] s = new short[n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double f = 200 + 2800.0 * i / n;
      phase += 2 * Math.PI * f / OUTPUT_RATE;
      s[i] = (short) Math.round(6000 * Math.sin(phase));
    }
    return littleEndian(s);
  }

  private static byte[] littleEndian(short[] s) {
    byte[] b = new byte[s.length * 2];
    for (int i = 0; i < s.length; i++) {
      b[2 * i] = (byte) s[i];
      b[2 * i + 1] = (byte) (s[i] >> 8);
    }
    return b;
  }
}
