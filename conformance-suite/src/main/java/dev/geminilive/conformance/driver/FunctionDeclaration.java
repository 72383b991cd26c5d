package dev.geminilive.conformance.driver;

/**
 * A function the application offers the model.
 *
 * @param behavior {@code BLOCKING}, {@code NON_BLOCKING}, or null for the default
 */
public record FunctionDeclaration(String name, String description, String behavior) {}
