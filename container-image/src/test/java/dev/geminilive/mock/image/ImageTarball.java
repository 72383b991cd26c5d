package dev.geminilive.mock.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@code docker save}-format image tarball (what Jib's {@code buildTar} writes): its
 * manifest, its config, and the files of its layers. Just enough tar for the test: ustar names
 * with prefixes, GNU long names, PAX paths.
 */
final class ImageTarball {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, byte[]> outer;

  ImageTarball(Path tar) throws IOException {
    try (InputStream in = Files.newInputStream(tar)) {
      outer = read(in, name -> true);
    }
  }

  JsonNode manifest() throws IOException {
    return JSON.readTree(outer.get("manifest.json")).get(0);
  }

  JsonNode config() throws IOException {
    return JSON.readTree(outer.get(manifest().get("Config").asText()));
  }

  /** Every file of every layer whose path matches, later layers winning; paths without leading "./" or "/". */
  Map<String, byte[]> layerFiles(Predicate<String> wanted) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (JsonNode layer : manifest().get("Layers")) {
      byte[] bytes = outer.get(layer.asText());
      InputStream in = new java.io.ByteArrayInputStream(bytes);
      if (bytes.length > 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b) {
        in = new GZIPInputStream(in);
      }
      files.putAll(read(in, wanted));
    }
    return files;
  }

  private static Map<String, byte[]> read(InputStream in, Predicate<String> wanted) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] header = new byte[512];
    String longName = null;
    while (in.readNBytes(header, 0, 512) == 512) {
      if (header[0] == 0) {
        break; // end of archive
      }
      String name = string(header, 0, 100);
      long size = Long.parseLong(string(header, 124, 12).trim().isEmpty() ? "0" : string(header, 124, 12).trim(), 8);
      char type = (char) header[156];
      String prefix = "ustar".equals(string(header, 257, 5)) ? string(header, 345, 155) : "";
      byte[] data = in.readNBytes((int) size);
      in.skipNBytes((512 - size % 512) % 512);
      if (type == 'L') {
        longName = new String(data, StandardCharsets.UTF_8).trim();
        continue;
      }
      if (type == 'x') {
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
          int eq = line.indexOf(" path=");
          if (eq >= 0) {
            longName = line.substring(eq + 6);
          }
        }
        continue;
      }
      String path = longName != null ? longName : (prefix.isEmpty() ? name : prefix + "/" + name);
      longName = null;
      path = path.replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
      if ((type == '0' || type == 0) && wanted.test(path)) {
        files.put(path, data);
      } else if ((type == '0' || type == 0 || type == '5' || type == '2') && wanted.test(path)) {
        files.put(path, new byte[0]);
      }
    }
    return files;
  }

  private static String string(byte[] b, int from, int len) {
    int end = from;
    while (end < from + len && b[end] != 0) end++;
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
