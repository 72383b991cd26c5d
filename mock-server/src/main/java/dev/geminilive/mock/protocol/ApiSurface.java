package dev.geminilive.mock.protocol;

import java.util.Locale;

/**
 * Which API a connection speaks: the Developer API ({@code v1}, {@code v1beta}, {@code v1alpha}) or
 * Vertex AI ({@code v1}, {@code v1beta1}). The field catalogue differs between the two, and the
 * version names the proto package in the service's error texts ({@code
 * type.googleapis.com/google.ai.generativelanguage.v1alpha.Content}).
 *
 * @param vertex true for Vertex AI
 * @param version the version in the connection's path, e.g. {@code v1beta}
 */
public record ApiSurface(boolean vertex, String version) {
  /** The surface of a connection whose path names none (and of scenario examples). */
  public static final ApiSurface DEVELOPER = new ApiSurface(false, "v1beta");

  public ApiSurface {
    if (version == null || version.isBlank()) {
      version = vertex ? "v1beta1" : "v1beta";
    }
    version = version.toLowerCase(Locale.ROOT);
  }

  public static ApiSurface of(boolean vertex, String version) {
    return new ApiSurface(vertex, version);
  }

  /** The type URL the service's proto-JSON errors show for a proto type of this surface. */
  public String typeUrl(String protoName) {
    return "type.googleapis.com/"
        + (vertex ? "google.cloud.aiplatform." : "google.ai.generativelanguage.")
        + version + "." + protoName;
  }
}
