package dev.geminilive.mock.timeline;

import java.util.List;

/**
 * Everything needed to draw a session on one time axis: waveforms, speech segments and marks.
 * Immutable; built by {@link SessionTimeline} for a live session or by a report from recorded PCM.
 *
 * @param fromMs start of the window shown
 * @param toMs end of the window shown
 * @param waves the audio lanes
 * @param speech segments where speech was detected (client lane)
 * @param marks messages and events in the window, in time order
 * @param notes warnings about the picture itself (e.g. entries the journal dropped before it was drawn)
 */
public record TimelinePicture(
    double fromMs, double toMs, List<Wave> waves, List<Segment> speech, List<Mark> marks, List<String> notes) {
  public TimelinePicture {
    waves = List.copyOf(waves);
    speech = List.copyOf(speech);
    marks = List.copyOf(marks);
    notes = List.copyOf(notes);
  }

  public double spanMs() {
    return Math.max(1, toMs - fromMs);
  }
}
