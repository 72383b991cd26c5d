package dev.geminilive.mock.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.network.NetworkSpec;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The network misbehaviour options of {@code serve}: the conditions every new session starts
 * with. Read into the same shape as a scenario's {@code network} key and the admin API's body, so
 * all three are checked by one {@link NetworkSpec}.
 */
final class NetworkOptions {
  private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)?");
  private static final Pattern RATE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(b|kb|mb)?(?:/s|ps)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern CHUNKS = Pattern.compile("([0-9]+)\\s*chunks?", Pattern.CASE_INSENSITIVE);
  /** Which option wrote which key, to name the option in a problem. */
  private static final Map<String, String> OPTION_OF = Map.of(
      "/latencyMs", "--network-latency", "/jitterMs", "--network-jitter",
      "/bytesPerSecond", "--network-bandwidth", "/bunch/frames", "--network-bunch",
      "/bunch/maxHoldMs", "--network-bunch-hold", "/stall/ms", "--network-stall",
      "/stall/afterMs", "--network-stall-after", "/stall/afterAudioChunks", "--network-stall-after",
      "/seed", "--network-seed");

  @Option(names = "--network-latency", paramLabel = "DURATION", description = "Network misbehaviour: delay every server frame by this much (e.g. 200ms, 1.5s). Frames keep their order. Default: none.")
  String latency;

  @Option(names = "--network-jitter", paramLabel = "DURATION", description = "Vary each frame's delay by up to this much either way (seeded, see --network-seed); a late frame holds up the ones behind it, as on TCP.")
  String jitter;

  @Option(names = "--network-bandwidth", paramLabel = "RATE", description = "Cap server frames at this many bytes per second (e.g. 16000, 16kB, 1MB/s).")
  String bandwidth;

  @Option(names = "--network-bunch", paramLabel = "FRAMES", description = "Hold frames and deliver them FRAMES at a time (after a pause), as a congested mobile link does.")
  Integer bunch;

  @Option(names = "--network-bunch-hold", paramLabel = "DURATION", description = "With --network-bunch: deliver what is held once the oldest frame has waited this long. Default: 1s.")
  String bunchHold;

  @Option(names = "--network-stall", paramLabel = "DURATION", description = "Once per session, deliver nothing for this long (e.g. 3s); when: --network-stall-after.")
  String stall;

  @Option(names = "--network-stall-after", paramLabel = "WHEN", description = "When the stall starts: a duration after the session opens (e.g. 2s), or after the N-th server message with audio (e.g. 10chunks). Default: at once.")
  String stallAfter;

  @Option(names = "--network-seed", paramLabel = "N", description = "Seed of the jitter; the same seed gives the same delays. Default: 0.")
  Long seed;

  /** The conditions asked for; {@link NetworkConditions#NONE} when no option is given. */
  NetworkConditions conditions() {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    if (latency != null) {
      spec.put("latencyMs", millis(latency, "--network-latency"));
    }
    if (jitter != null) {
      spec.put("jitterMs", millis(jitter, "--network-jitter"));
    }
    if (bandwidth != null) {
      spec.put("bytesPerSecond", bytesPerSecond(bandwidth));
    }
    if (bunch != null) {
      ObjectNode b = spec.putObject("bunch").put("frames", bunch);
      if (bunchHold != null) {
        b.put("maxHoldMs", millis(bunchHold, "--network-bunch-hold"));
      }
    } else if (bunchHold != null) {
      throw new IllegalArgumentException("--network-bunch-hold goes with --network-bunch FRAMES.");
    }
    if (stall != null) {
      ObjectNode s = spec.putObject("stall").put("ms", millis(stall, "--network-stall"));
      if (stallAfter != null) {
        Matcher chunks = CHUNKS.matcher(stallAfter.trim());
        if (chunks.matches()) {
          s.put("afterAudioChunks", Long.parseLong(chunks.group(1)));
        } else {
          s.put("afterMs", millis(stallAfter, "--network-stall-after"));
        }
      }
    } else if (stallAfter != null) {
      throw new IllegalArgumentException("--network-stall-after goes with --network-stall DURATION.");
    }
    if (seed != null) {
      spec.put("seed", seed);
    }
    NetworkSpec.Result read = NetworkSpec.read(spec);
    if (!read.ok()) {
      NetworkSpec.Problem p = read.problems().get(0);
      String option = OPTION_OF.getOrDefault(p.pointer(), "--network-*");
      throw new IllegalArgumentException(option + ": " + p.message().replaceFirst("^\\w+ ", "the value "));
    }
    return read.conditions();
  }

  private static long millis(String text, String option) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(option + ": '" + text + "' is not a duration; write e.g. 200ms or 1.5s");
    }
    double value = Double.parseDouble(m.group(1));
    return Math.round("s".equals(m.group(2)) ? value * 1000 : value);
  }

  private static long bytesPerSecond(String text) {
    Matcher m = RATE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--network-bandwidth: '" + text
          + "' is not a rate in bytes per second; write e.g. 16000, 16kB or 1MB/s");
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return Math.round(value * switch (unit) {
      case "kb" -> 1_000;
      case "mb" -> 1_000_000;
      default -> 1;
    });
  }
}
