package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the wire protocol: lenient casing in, camelCase out. */
public final class LiveJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .annotationIntrospector(new SnakeCaseAliases())
          // New fields appear in the API faster than any mock follows; tolerate them.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // "turnComplete": "yes" is a type error on the real service, not a coercion.
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private LiveJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
