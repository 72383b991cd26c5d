package dev.geminilive.mock.timing;

import dev.geminilive.mock.profile.TimingFigure;
import java.util.SplittableRandom;

/**
 * Draws timing figures for one session from a seeded generator, so that a seed gives the same
 * schedule every time. Each session gets its own sampler (nothing shared between sessions).
 */
public final class TimingSampler {
  private final SplittableRandom random;
  private final long seed;

  public TimingSampler(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** A session's sampler: the server's seed mixed with the session's id (ids are a counter). */
  public static TimingSampler forSession(long serverSeed, String sessionId) {
    long h = serverSeed;
    for (int i = 0; i < sessionId.length(); i++) {
      h = h * 31 + sessionId.charAt(i);
    }
    return new TimingSampler(mix(h));
  }

  public long seed() {
    return seed;
  }

  /** One draw of {@code figure}, in milliseconds. */
  public double millis(TimingFigure figure) {
    return figure.spread() == 0 ? figure.at(0) : figure.at(gaussian());
  }

  /** One draw of {@code figure}, in nanoseconds (never negative unless the figure allows it). */
  public long nanos(TimingFigure figure) {
    return Math.round(millis(figure) * 1_000_000);
  }

  private double gaussian() {
    // Box-Muller on the seeded stream: SplittableRandom has no nextGaussian before Java 17's
    // RandomGenerator default, whose algorithm may change between releases.
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
