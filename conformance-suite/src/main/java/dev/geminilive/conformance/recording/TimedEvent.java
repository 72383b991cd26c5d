package dev.geminilive.conformance.recording;

import dev.geminilive.conformance.driver.DriverEvent;

/** A driver event and when it arrived, in milliseconds since the case started. */
public record TimedEvent(double millis, DriverEvent event) {}
