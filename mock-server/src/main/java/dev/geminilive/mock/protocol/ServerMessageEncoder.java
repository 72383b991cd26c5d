package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

/** Writes server messages as compact camelCase UTF-8 JSON. */
public final class ServerMessageEncoder {
  private final ObjectWriter writer = LiveJson.mapper().writerFor(ServerMessage.class);

  public byte[] encode(ServerMessage message) {
    try {
      return writer.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      // Our own records always serialise; reaching here is a bug in the model.
      throw new IllegalStateException("cannot encode " + message.kind(), e);
    }
  }
}
