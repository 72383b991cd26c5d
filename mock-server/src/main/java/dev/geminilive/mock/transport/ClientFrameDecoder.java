package dev.geminilive.mock.transport;

import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.protocol.ApiSurface;
import dev.geminilive.mock.protocol.ClientMessageDecoder;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.session.LiveSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * A whole data frame's JSON into a {@link ClientMessageDecoder.Decoded} client message, read by
 * the decoder of the connection's API surface: each surface knows its own fields (Vertex-only and
 * Developer-only ones). A frame the service's proto-JSON parser would refuse closes the session
 * with 1007 and the service's wording.
 */
final class ClientFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {
  private final LiveSession session;
  private final ClientMessageDecoder decoder;

  ClientFrameDecoder(LiveSession session) {
    super(WebSocketFrame.class);
    this.session = session;
    this.decoder = new ClientMessageDecoder(ApiSurface.of(
        session.connection().flavour() == ApiFlavour.VERTEX, session.connection().apiVersion()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    ByteBuf content = frame.content();
    int start = content.readerIndex();
    try {
      out.add(decoder.decode(content.nioBuffer()));
    } catch (ProtocolViolation v) {
      session.onViolation(v, FramePreview.of(content, start));
    }
  }
}
