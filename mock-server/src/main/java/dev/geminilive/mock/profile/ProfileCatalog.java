package dev.geminilive.mock.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model families the server knows, and how a model id maps to one. The bundled families live
 * in the jar; {@link #withDirectory(Path)} adds the {@code *.yaml} files of a folder, which are
 * looked up first and replace a bundled family of the same name.
 */
public final class ProfileCatalog {
  /** Sections every profile inherits unless it says otherwise. */
  public static final String DEFAULTS = "_defaults.yaml";

  private final List<ModelProfile> profiles;

  public ProfileCatalog(List<ModelProfile> profiles) {
    this.profiles = List.copyOf(profiles);
  }

  /** The profiles shipped in the jar. */
  public static ProfileCatalog bundled() {
    ProfileReader reader = new ProfileReader(bundledDefaults(), ProfileCatalog::resourceOrNull);
    List<ModelProfile> list = new ArrayList<>();
    for (String name : readIndex()) {
      list.add(reader.read(name, resource(name)));
    }
    return new ProfileCatalog(list);
  }

  /**
   * The bundled profiles plus every {@code *.yaml}/{@code *.yml} file in {@code dir} (sorted by
   * name, searched before the bundled ones). A malformed file throws {@link ProfileException}.
   */
  public static ProfileCatalog withDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ProfileException(dir.toString(), "", "not a directory", null);
    }
    // extends: names a file of this folder first, then a bundled one.
    ProfileReader reader = new ProfileReader(bundledDefaults(), name -> {
      Path sibling = dir.resolve(name).normalize();
      if (sibling.startsWith(dir.normalize()) && Files.isRegularFile(sibling)) {
        try {
          return Files.readAllBytes(sibling);
        } catch (IOException e) {
          throw new ProfileException(sibling.toString(), "", "cannot read: " + e.getMessage(), e);
        }
      }
      return resourceOrNull(name);
    });
    List<ModelProfile> own = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> {
            String n = p.getFileName().toString();
            return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ProfileException(dir.toString(), "", "cannot list: " + e.getMessage(), e);
    }
    for (Path f : files) {
      try {
        own.add(reader.read(f.toString(), Files.readAllBytes(f)));
      } catch (IOException e) {
        throw new ProfileException(f.toString(), "", "cannot read: " + e.getMessage(), e);
      }
    }
    List<ModelProfile> all = new ArrayList<>(own);
    for (ModelProfile p : bundled().profiles()) {
      if (own.stream().noneMatch(o -> o.family().equals(p.family()))) {
        all.add(p);
      }
    }
    return new ProfileCatalog(all);
  }

  private static JsonNode bundledDefaults() {
    return ProfileReader.tree(DEFAULTS, resource(DEFAULTS));
  }

  private static byte[] resource(String name) {
    try (InputStream in = ProfileCatalog.class.getResourceAsStream("/profiles/" + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled profile missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resourceOrNull(String name) {
    if (name.contains("/") || name.contains("\\")) {
      return null;
    }
    try (InputStream in = ProfileCatalog.class.getResourceAsStream("/profiles/" + name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> readIndex() {
    List<String> names = new ArrayList<>();
    for (String line : new String(resource("index.txt"), StandardCharsets.UTF_8).split("\n")) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        names.add(t);
      }
    }
    return names;
  }

  public List<ModelProfile> profiles() {
    return profiles;
  }

  /** The family with this name, if loaded. */
  public Optional<ModelProfile> family(String family) {
    return profiles.stream().filter(p -> p.family().equals(family)).findFirst();
  }

  /**
   * The family serving {@code modelId} on {@code flavour}: an exact id first, then a pattern.
   * Empty means the real service would answer "not found".
   */
  public Optional<ModelProfile> resolve(String modelId, ApiFlavour flavour) {
    if (modelId == null) {
      return Optional.empty();
    }
    for (ModelProfile p : profiles) {
      if (p.servedOn(flavour) && p.servesExactly(modelId)) {
        return Optional.of(p);
      }
    }
    for (ModelProfile p : profiles) {
      if (p.servedOn(flavour) && p.servesByPattern(modelId)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
