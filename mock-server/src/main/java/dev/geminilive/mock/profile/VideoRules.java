package dev.geminilive.mock.profile;

import java.util.List;

/**
 * {@code realtimeInput.video} frames.
 *
 * @param mimeTypes accepted image types
 * @param maxFramesPerSecond the documented rate; faster frames are accepted and recorded as a finding
 * @param badFrame a frame whose MIME type is not accepted or whose bytes are not that image type
 */
public record VideoRules(List<String> mimeTypes, Double maxFramesPerSecond, Reaction badFrame) {
  public VideoRules {
    mimeTypes = mimeTypes == null ? List.of("image/jpeg", "image/png") : List.copyOf(mimeTypes);
    maxFramesPerSecond = maxFramesPerSecond == null ? 1.0 : maxFramesPerSecond;
    badFrame = badFrame == null ? Reaction.ACCEPT : badFrame;
  }

  public static VideoRules none() {
    return new VideoRules(null, null, null);
  }
}
