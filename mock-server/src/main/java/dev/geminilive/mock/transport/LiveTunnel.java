package dev.geminilive.mock.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Takes Live upgrades away from the mock's own sessions, e.g. to proxy them to the real service
 * while recording. When a server has one, every Live WebSocket upgrade goes to it; admin and REST
 * requests are served as usual.
 */
public interface LiveTunnel {
  /**
   * Called on the connection's event loop with the whole upgrade request. The tunnel owns the
   * connection from here on: it answers the handshake and replaces the {@code router} handler.
   *
   * @param request released by the caller after this returns; retain it to keep it longer
   */
  void open(ChannelHandlerContext ctx, FullHttpRequest request, LiveEndpoint endpoint, ServerConfig config);
}
