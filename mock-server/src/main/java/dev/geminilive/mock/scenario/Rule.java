package dev.geminilive.mock.scenario;

import java.util.List;

/**
 * A reactive rule: whenever a client message of {@code type} passing {@code matchers} arrives,
 * wherever the script is, run {@code actions} instead of matching the message against the script.
 *
 * @param whileSpeaking fire only while a {@code say} is playing (barge-in)
 * @param once fire at most once per run
 */
public record Rule(
    String type,
    List<FieldMatcher> matchers,
    boolean whileSpeaking,
    boolean once,
    List<Step> actions,
    SourceRef where) {}
