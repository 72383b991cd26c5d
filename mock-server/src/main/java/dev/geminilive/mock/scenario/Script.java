package dev.geminilive.mock.scenario;

import dev.geminilive.mock.network.NetworkConditions;
import java.util.List;

/**
 * What one connection of a scenario runs: its steps and its rules (the scenario's own rules
 * included). A scenario has one script per connection, run in order.
 *
 * @param where where the connection was written ({@code connections[i]}), or the file's top
 * @param network the network conditions the connection starts with (its own, else the
 *     scenario's), or null to leave the server's as they are
 * @param networkWhere where those conditions were written, or null
 */
public record Script(List<Step> steps, List<Rule> rules, SourceRef where, NetworkConditions network,
    SourceRef networkWhere) {
  public Script(List<Step> steps, List<Rule> rules, SourceRef where) {
    this(steps, rules, where, null, null);
  }
}
