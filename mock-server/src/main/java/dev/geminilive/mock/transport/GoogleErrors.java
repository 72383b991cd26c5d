package dev.geminilive.mock.transport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** HTTP error answers in the JSON shape of Google's APIs, so clients parse them as they would the real ones. */
final class GoogleErrors {
  private GoogleErrors() {}

  static byte[] body(int code, String status, String message) {
    String json = "{\"error\":{\"code\":" + code + ",\"message\":\"" + message.replace("\"", "\\\"")
        + "\",\"status\":\"" + status + "\"}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON response with {@code body}; {@code close} announces that the connection ends after it. */
  static FullHttpResponse response(HttpResponseStatus status, byte[] body, boolean close) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
    if (close) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    HttpUtil.setContentLength(response, body.length);
    return response;
  }
}
