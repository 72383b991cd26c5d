package dev.geminilive.mock.scenario.load;

import dev.geminilive.mock.scenario.AudioClip;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the audio files scenarios name, and nothing else: every path is resolved against the
 * scenario's folder, normalised, and must stay inside the scenarios root both as written and
 * after symlinks are followed, before a single byte is read.
 */
final class AudioFiles {
  /** Large enough for minutes of speech; guards against naming a huge file by mistake. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  /** A file that cannot be used, and why (for a problem message). */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private AudioFiles() {}

  /** Resolves and checks {@code written} (as written in the scenario); never reads. */
  static Path resolve(Path root, Path scenarioDir, String written) throws Refused {
    if (written.isBlank()) {
      throw new Refused("audio file name is empty");
    }
    Path asWritten;
    try {
      asWritten = Path.of(written);
    } catch (RuntimeException e) {
      throw new Refused("\"" + written + "\" is not a file name");
    }
    if (asWritten.isAbsolute() || written.startsWith("/") || written.startsWith("\\")) {
      throw new Refused("audio file \"" + written + "\" must be relative to the scenario file");
    }
    Path normalRoot = root.toAbsolutePath().normalize();
    Path resolved = scenarioDir.toAbsolutePath().normalize().resolve(asWritten).normalize();
    if (!resolved.startsWith(normalRoot)) {
      throw new Refused("audio file \"" + written + "\" is outside the scenarios folder");
    }
    if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
      throw new Refused("audio file \"" + written + "\" does not exist");
    }
    try {
      Path real = resolved.toRealPath();
      if (!real.startsWith(normalRoot.toRealPath())) {
        throw new Refused("audio file \"" + written + "\" links to a place outside the scenarios folder");
      }
      if (!Files.isRegularFile(real)) {
        throw new Refused("audio file \"" + written + "\" is not a regular file");
      }
      if (Files.size(real) > MAX_BYTES) {
        throw new Refused("audio file \"" + written + "\" is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
      }
      return real;
    } catch (IOException e) {
      throw new Refused("audio file \"" + written + "\" cannot be read: " + e.getMessage());
    }
  }

  /** Loads a checked path: WAV (16-bit mono PCM) or raw little-endian PCM at {@code rate}. */
  static AudioClip load(Path file, String written, Integer rate) throws Refused {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Refused("audio file \"" + written + "\" cannot be read: " + e.getMessage());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".wav")) {
      if (rate != null) {
        throw new Refused("rate is only for raw .pcm files; a WAV file carries its own");
      }
      return wav(bytes, written);
    }
    if (name.endsWith(".pcm") || name.endsWith(".raw")) {
      if (bytes.length % 2 != 0) {
        throw new Refused("raw PCM file \"" + written + "\" has an odd byte count; 16-bit samples expected");
      }
      return new AudioClip(bytes, rate == null ? 24_000 : rate, written);
    }
    throw new Refused("audio file \"" + written + "\" must end in .wav or .pcm");
  }

  private static AudioClip wav(byte[] b, String written) throws Refused {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (b.length < 12 || !tag(b, 0, "RIFF") || !tag(b, 8, "WAVE")) {
      throw new Refused("\"" + written + "\" is not a RIFF/WAVE file");
    }
    int pos = 12;
    Integer rate = null;
    while (pos + 8 <= b.length) {
      int size = buf.getInt(pos + 4);
      int body = pos + 8;
      if (size < 0 || body + (long) size > b.length) {
        size = b.length - body; // tolerate a truncated last chunk, as players do
      }
      if (tag(b, pos, "fmt ")) {
        int format = buf.getShort(body) & 0xFFFF;
        int channels = buf.getShort(body + 2) & 0xFFFF;
        int bits = buf.getShort(body + 14) & 0xFFFF;
        if (format != 1 || bits != 16 || channels != 1) {
          throw new Refused("\"" + written + "\" must be 16-bit mono PCM; it is format " + format
              + ", " + bits + "-bit, " + channels + " channel(s)");
        }
        rate = buf.getInt(body + 4);
        if (rate < 8_000 || rate > 48_000) {
          throw new Refused("\"" + written + "\" has sample rate " + rate + "; 8000..48000 supported");
        }
      } else if (tag(b, pos, "data")) {
        if (rate == null) {
          throw new Refused("\"" + written + "\" has no fmt chunk before its data");
        }
        int len = size - (size % 2);
        byte[] pcm = new byte[len];
        System.arraycopy(b, body, pcm, 0, len);
        return new AudioClip(pcm, rate, written);
      }
      pos = body + size + (size % 2);
    }
    throw new Refused("\"" + written + "\" has no data chunk");
  }

  private static boolean tag(byte[] b, int at, String tag) {
    for (int i = 0; i < 4; i++) {
      if (at + i >= b.length || b[at + i] != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
