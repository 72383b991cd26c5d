package dev.geminilive.mock.profile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model name as sent in {@code setup.model}: {@code models/<id>} on the Developer API,
 * {@code projects/<p>/locations/<l>/publishers/google/models/<id>} on Vertex.
 */
public record ModelName(String raw, String id, boolean wellFormed) {
  private static final Pattern DEVELOPER = Pattern.compile("models/([A-Za-z0-9._-]+)");
  /**
   * The full resource name the SDKs build from a project and location, or the shorter
   * {@code publishers/google/models/<id>} an SDK passes on as given without them (express mode, a
   * custom base URL).
   */
  private static final Pattern VERTEX =
      Pattern.compile(
          "(?:projects/[^/]+/locations/[^/]+/)?publishers/google/models/([A-Za-z0-9._-]+)");

  public static ModelName parse(String raw, ApiFlavour flavour) {
    if (raw == null || raw.isBlank()) {
      return new ModelName(raw, null, false);
    }
    Matcher m = (flavour == ApiFlavour.VERTEX ? VERTEX : DEVELOPER).matcher(raw);
    if (m.matches()) {
      return new ModelName(raw, m.group(1), true);
    }
    return new ModelName(raw, null, false);
  }
}
