package dev.geminilive.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.genai.types.LiveClientMessage;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against the google-genai Java SDK on the test class path (2.0.0): every field and
 * enum value its client-message types can hold is known to the catalogue, on at least one API
 * surface. A newer SDK with new fields fails this test until the catalogue is regenerated.
 */
class FieldCatalogueSdkTest {
  /** SDK-side helpers the SDK converts before sending (never on the wire). */
  static final Set<String> NOT_ON_THE_WIRE = Set.of("LiveClientMessage.realtimeInputParameters");

  @Test
  void everyFieldOfTheJavaSdksClientMessagesIsKnown() {
    FieldCatalogue catalogue = FieldCatalogue.bundled();
    ApiSurface developer = ApiSurface.DEVELOPER;
    ApiSurface vertex = ApiSurface.of(true, "v1beta1");
    List<String> missing = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(LiveClientMessage.class));
    int fields = 0;
    while (!todo.isEmpty()) {
      Class<?> type = todo.poll();
      if (!seen.add(type)) {
        continue;
      }
      for (Method m : type.getDeclaredMethods()) {
        JsonProperty p = m.getAnnotation(JsonProperty.class);
        if (p == null || !Modifier.isAbstract(m.getModifiers()) || m.getParameterCount() != 0) {
          continue;
        }
        String name = type.getSimpleName() + "." + p.value();
        if (NOT_ON_THE_WIRE.contains(name)) {
          continue;
        }
        fields++;
        if (catalogue.field(type.getSimpleName(), p.value(), developer).isEmpty()
            && catalogue.field(type.getSimpleName(), p.value(), vertex).isEmpty()) {
          missing.add(name);
        }
        Class<?> target = element(m.getGenericReturnType());
        Class<?> known = knownEnum(target);
        if (known != null) {
          for (Object value : known.getEnumConstants()) {
            if (catalogue.enumValue(target.getSimpleName(), value.toString(), developer).isEmpty()) {
              missing.add(target.getSimpleName() + "." + value);
            }
          }
        } else if (target.getName().startsWith("com.google.genai.types.")) {
          todo.add(target);
        }
      }
    }
    assertThat(fields).isGreaterThan(300);
    assertThat(missing).as("SDK fields and enum values the catalogue lacks").isEmpty();
  }

  private static Class<?> element(Type t) {
    if (t instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      Class<?> raw = (Class<?>) p.getRawType();
      if (raw == Optional.class || List.class.isAssignableFrom(raw)) {
        return element(args[0]);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return element(args[1]);
      }
      return raw;
    }
    return (Class<?>) t;
  }

  private static Class<?> knownEnum(Class<?> c) {
    for (Class<?> inner : c.getDeclaredClasses()) {
      if (inner.getSimpleName().equals("Known") && inner.isEnum()) {
        return inner;
      }
    }
    return null;
  }
}
