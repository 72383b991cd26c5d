package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every bean property of the protocol model a snake_case alias.
 *
 * <p>The real service parses requests with the protobuf JSON rules, which accept both the
 * lowerCamelCase json name and the proto field name at every level; the Python SDK relies on it
 * ({@code realtime_input}, {@code will_continue}, {@code voice_config}). Doing it here, once, keeps
 * free-form maps (function args, JSON schemas) untouched, which a key-rewriting pre-pass would not.
 */
final class SnakeCaseAliases extends JacksonAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  @Override
  public List<PropertyName> findPropertyAliases(Annotated member) {
    List<PropertyName> declared = super.findPropertyAliases(member);
    String name = javaName(member);
    if (name == null) {
      return declared;
    }
    String snake = toSnake(name);
    if (snake.equals(name)) {
      return declared;
    }
    List<PropertyName> aliases = declared == null ? new ArrayList<>() : new ArrayList<>(declared);
    aliases.add(PropertyName.construct(snake));
    return aliases;
  }

  private static String javaName(Annotated member) {
    if (member instanceof AnnotatedField || member instanceof AnnotatedMethod) {
      return member.getName();
    }
    if (member instanceof AnnotatedParameter param) {
      Class<?> owner = param.getDeclaringClass();
      RecordComponent[] components = owner.getRecordComponents();
      if (components != null && param.getIndex() < components.length) {
        return components[param.getIndex()].getName();
      }
    }
    return null;
  }

  static String toSnake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
