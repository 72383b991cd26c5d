package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A turn of conversation: a role and its parts. Used both ways. */
public record Content(String role, List<Part> parts) {

  public record Part(
      String text,
      Boolean thought,
      Blob inlineData,
      JsonNode fileData,
      JsonNode functionCall,
      JsonNode functionResponse,
      JsonNode executableCode,
      JsonNode codeExecutionResult) {

    public static Part text(String text) {
      return new Part(text, null, null, null, null, null, null, null);
    }

    /** A thought summary: text marked {@code thought: true}. */
    public static Part thought(String text) {
      return new Part(text, true, null, null, null, null, null, null);
    }

    public static Part inlineData(Blob blob) {
      return new Part(null, null, blob, null, null, null, null, null);
    }
  }

  /** Concatenated text of all text parts, or an empty string. */
  public String text() {
    if (parts == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p != null && p.text() != null) {
        sb.append(p.text());
      }
    }
    return sb.toString();
  }
}
