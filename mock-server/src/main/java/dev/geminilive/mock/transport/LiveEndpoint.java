package dev.geminilive.mock.transport;

import dev.geminilive.mock.profile.ApiFlavour;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Live WebSocket path, parsed. Accepts what the SDKs really request: repeated slashes
 * ({@code //ws/...} from the JS and Python SDKs) and any prefix before {@code /ws/}, which selects
 * a scenario without the SDK knowing.
 *
 * @param flavour Developer API or Vertex AI
 * @param apiVersion e.g. {@code v1beta}
 * @param constrained true for the ephemeral-token method {@code BidiGenerateContentConstrained}
 * @param prefix the normalised path before {@code /ws/}, without slashes at either end
 */
public record LiveEndpoint(ApiFlavour flavour, String apiVersion, boolean constrained, String prefix) {
  private static final Pattern DEVELOPER =
      Pattern.compile(
          "google\\.ai\\.generativelanguage\\.(v1|v1beta|v1alpha)\\.GenerativeService\\."
              + "(BidiGenerateContent|BidiGenerateContentConstrained)");
  private static final Pattern SLASHES = Pattern.compile("/{2,}");
  private static final Pattern VERTEX =
      Pattern.compile("google\\.cloud\\.aiplatform\\.(v1|v1beta1)\\.LlmBidiService/BidiGenerateContent");

  /** Parses the path part of a request URI (no query). */
  public static Optional<LiveEndpoint> parse(String rawPath) {
    String path = SLASHES.matcher(rawPath).replaceAll("/");
    int ws = path.lastIndexOf("/ws/");
    if (ws < 0) {
      return Optional.empty();
    }
    String prefix = trimSlashes(path.substring(0, ws));
    String method = path.substring(ws + 4);
    Matcher dev = DEVELOPER.matcher(method);
    if (dev.matches()) {
      boolean constrained = dev.group(2).endsWith("Constrained");
      return Optional.of(new LiveEndpoint(ApiFlavour.DEVELOPER, dev.group(1), constrained, prefix));
    }
    Matcher vertex = VERTEX.matcher(method);
    if (vertex.matches()) {
      return Optional.of(new LiveEndpoint(ApiFlavour.VERTEX, vertex.group(1), false, prefix));
    }
    return Optional.empty();
  }

  private static String trimSlashes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '/') from++;
    while (to > from && s.charAt(to - 1) == '/') to--;
    return s.substring(from, to);
  }
}
