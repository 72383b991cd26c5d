package dev.geminilive.mock.timeline;

/**
 * One waveform lane of a picture.
 *
 * @param lane which lane it belongs to ({@code client}, {@code model}, or a report's own name)
 * @param title what the lane shows, for people
 * @param envelope its loudness over time
 */
public record Wave(String lane, String title, AudioEnvelope envelope) {}
