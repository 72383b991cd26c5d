package dev.geminilive.conformance.rules;

import dev.geminilive.conformance.driver.DriverEvent;

/** A driver event and when it arrived, in milliseconds since the case started. */
public record TimedEvent(double millis, DriverEvent event) {}
