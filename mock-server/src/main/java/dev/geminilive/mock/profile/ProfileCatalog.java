package dev.geminilive.mock.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The model families the server knows, and how a model id maps to one. */
public final class ProfileCatalog {
  private static final String BUNDLED_INDEX = "/profiles/index.txt";

  private final List<ModelProfile> profiles;

  public ProfileCatalog(List<ModelProfile> profiles) {
    this.profiles = List.copyOf(profiles);
  }

  /** The profiles shipped in the jar. */
  public static ProfileCatalog bundled() {
    ObjectMapper yaml =
        JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    List<ModelProfile> list = new ArrayList<>();
    for (String name : readIndex()) {
      try (InputStream in = ProfileCatalog.class.getResourceAsStream("/profiles/" + name)) {
        if (in == null) {
          throw new IllegalStateException("bundled profile missing: " + name);
        }
        list.add(yaml.readValue(in, ModelProfile.class));
      } catch (IOException e) {
        throw new UncheckedIOException("bundled profile " + name + " is malformed", e);
      }
    }
    return new ProfileCatalog(list);
  }

  private static List<String> readIndex() {
    try (InputStream in = ProfileCatalog.class.getResourceAsStream(BUNDLED_INDEX)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED_INDEX + " is missing from the jar");
      }
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("#")) {
          names.add(t);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<ModelProfile> profiles() {
    return profiles;
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
