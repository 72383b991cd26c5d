package dev.geminilive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from Linux's /proc. */
final class ProcStats {
  /** Clock ticks per second of /proc/PID/stat times; 100 on every Linux this runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcStats() {}

  /** User plus system CPU time of {@code pid} in milliseconds; -1 if unknown. */
  static long cpuMillis(long pid) {
    long[] t = cpuMillisUserSystem(pid);
    return t == null ? -1 : t[0] + t[1];
  }

  /**
   * User and system CPU time of {@code pid} in milliseconds, apart (the kernel's share is the
   * socket work every server pays alike), or null if unknown.
   */
  static long[] cpuMillisUserSystem(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which may hold spaces, start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]) * 1000 / TICKS_PER_SECOND, // utime
          Long.parseLong(f[12]) * 1000 / TICKS_PER_SECOND}; // stime
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Resident set size of {@code pid} in KiB; -1 if unknown. */
  static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }

  static long self() {
    return ProcessHandle.current().pid();
  }
}
