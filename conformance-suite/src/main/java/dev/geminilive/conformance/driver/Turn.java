package dev.geminilive.conformance.driver;

/** One turn of conversation given to a client as history or context: {@code user} or {@code model}. */
public record Turn(String role, String text) {}
