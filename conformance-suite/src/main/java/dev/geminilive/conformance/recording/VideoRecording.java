package dev.geminilive.conformance.recording;

import java.util.List;

/** VIDEO: camera frames handed to the client, and the frames the server received with their real format. */
public final class VideoRecording extends CaseRecording {
  public VideoRecording(RawRecording raw) {
    super(raw);
  }

  /** The realtimeInput.video frames the client sent, in order. */
  public List<Frame> videoFrames() {
    return clientFrames("realtimeInput.video");
  }

  /** Every image the server received (also through mediaChunks), with its declared type and first bytes. */
  public List<VideoFrame> receivedImages() {
    return raw().tappedVideo();
  }
}
