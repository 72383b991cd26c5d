package dev.geminilive.conformance.driver;

import java.util.Map;

/**
 * What the application answers to one function call.
 *
 * @param scheduling {@code WHEN_IDLE}, {@code SILENT}, {@code INTERRUPT} or null
 */
public record ToolAnswer(String id, String name, Map<String, Object> output, String scheduling) {}
