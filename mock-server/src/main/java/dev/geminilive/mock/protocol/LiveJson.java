package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the wire protocol: lenient casing in, camelCase out. */
public final class LiveJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .annotationIntrospector(new SnakeCaseAliases())
          // The typed model holds the fields the mock acts on; ProtoJsonReader has already refused
          // names the service does not know, so the others are skipped here.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // "turnComplete": "yes" is a type error on the real service, not a coercion.
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // {"model": 5} is a type error too (proto JSON takes no number or bool for a string);
          // Jackson would turn it into "5" even with scalar coercion off.
          .withCoercionConfig(LogicalType.Textual, cfg -> cfg
              .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          // [{...}, null] in a repeated field is invalid in proto JSON; refusing it here keeps
          // every consumer of the model free of null elements.
          .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
          // '{"setup":{...}} garbage' is not one JSON value.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private LiveJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
