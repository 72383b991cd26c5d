package dev.geminilive.mock.timeline;

/** A span of the time axis, e.g. speech the VAD found; {@code endMs} is NaN while still open. */
public record Segment(double startMs, double endMs, String label) {
  public boolean open() {
    return Double.isNaN(endMs);
  }
}
