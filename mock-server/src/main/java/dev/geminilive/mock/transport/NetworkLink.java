package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.network.NetworkShaping;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Live connection's network conditions: installs, updates and clears its
 * {@link NetworkConditionsHandler}, journals every change, and is what the admin API and the
 * session reach. Kept as a channel attribute, so the session's transport finds it without new
 * wiring. Changes run on the connection's event loop, whoever asks.
 */
final class NetworkLink implements NetworkShaping.Link {
  private static final AttributeKey<NetworkLink> KEY = AttributeKey.valueOf("gemini-live-network");
  private static final String HANDLER = "network-conditions";

  private final Channel channel;
  private final SessionJournal journal;
  private volatile NetworkConditions current = NetworkConditions.NONE;

  private NetworkLink(Channel channel, SessionJournal journal) {
    this.channel = channel;
    this.journal = journal;
  }

  /**
   * Gives a new Live connection its link, registered for the admin API until the connection
   * ends, with the server's default conditions (nothing is installed for a perfect network).
   */
  static void attach(Channel channel, SessionJournal journal, NetworkShaping shaping) {
    NetworkLink link = new NetworkLink(channel, journal);
    channel.attr(KEY).set(link);
    Runnable unregister = shaping.register(journal.sessionId(), link);
    channel.closeFuture().addListener(f -> unregister.run());
    NetworkConditions defaults = shaping.defaults();
    if (!defaults.none()) {
      link.apply(defaults, "server default");
    }
  }

  static Optional<NetworkLink> of(Channel channel) {
    return Optional.ofNullable(channel.attr(KEY).get());
  }

  @Override
  public NetworkConditions current() {
    return current;
  }

  @Override
  public void apply(NetworkConditions conditions, String source) {
    current = conditions;
    onLoop(() -> {
      journal.event("network", conditions.describe() + " (from " + source + ")");
      journal.attribute("network", conditions.none() ? "none" : conditions.describe());
      NetworkConditionsHandler handler = channel.pipeline().get(NetworkConditionsHandler.class);
      if (handler != null) {
        handler.update(conditions);
      } else if (!conditions.none() && channel.isActive()) {
        install(channel.pipeline(), new NetworkConditionsHandler(conditions));
      }
    });
  }

  @Override
  public void stallNow(long ms, String source) {
    onLoop(() -> {
      journal.event("network", "stall " + ms + " ms now (from " + source + ")");
      NetworkConditionsHandler handler = channel.pipeline().get(NetworkConditionsHandler.class);
      if (handler != null) {
        handler.stallNow(ms);
      } else if (channel.isActive()) {
        // A perfect network until now: a handler for the stall alone, gone once it is over.
        NetworkConditionsHandler added = new NetworkConditionsHandler(NetworkConditions.NONE);
        install(channel.pipeline(), added);
        added.stallNow(ms);
      }
    });
  }

  /**
   * At once on the connection's loop (a scenario step: the frames it sends next must already be
   * shaped); from another thread (the admin API's, a test's), on the loop while the caller waits,
   * so that whatever the caller does next meets the new conditions.
   */
  private void onLoop(Runnable change) {
    if (channel.eventLoop().inEventLoop()) {
      change.run();
    } else if (!channel.eventLoop().isShuttingDown()) {
      channel.eventLoop().submit(change).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /**
   * In front of the Live handlers (towards the socket), so that what they write themselves
   * (pongs, the echo of a close) is shaped and ordered with everything else.
   */
  private static void install(ChannelPipeline pipeline, NetworkConditionsHandler handler) {
    ChannelHandlerContext session = pipeline.context(ControlFrameHandler.class);
    if (session != null) {
      pipeline.addBefore(session.name(), HANDLER, handler);
    } else {
      pipeline.addLast(HANDLER, handler);
    }
  }
}
