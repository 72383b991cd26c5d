package dev.geminilive.mock.scenario;

import java.util.List;

/**
 * What one connection of a scenario runs: its steps and its rules (the scenario's own rules
 * included). A scenario has one script per connection, run in order.
 *
 * @param where where the connection was written ({@code connections[i]}), or the file's top
 */
public record Script(List<Step> steps, List<Rule> rules, SourceRef where) {}
