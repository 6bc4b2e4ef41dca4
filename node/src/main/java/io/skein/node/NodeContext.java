package io.skein.node;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.node.loop.EventLoop;
import io.skein.node.transport.RouteId;
import io.skein.node.transport.SendResult;
import io.skein.node.wire.FrameCodec;
import io.skein.node.wire.MessageType;

/**
 * What a {@link NodeService} may use of its node. Every method is for the loop thread only.
 *
 * <p>Frames are signed once by {@link #send}, {@link #request} or {@link #reply}; a reply frame
 * carries the request id of the frame it answers, and the codec accepts it only while that request
 * is outstanding and only from the key it was sent to.
 */
public interface NodeContext {
  /** The node's identity (it signs every frame; services may sign claims and records with it). */
  KeyPair key();

  /** The node's short id, which every log line starts with. */
  String shortId();

  /** Where peers reach this node. */
  Endpoint endpoint();

  /** The node's metrics registry. */
  PrometheusRegistry registry();

  /** The node's event loop: timers, and {@code execute} for other threads. */
  EventLoop loop();

  /** The codec, for request ids and outstanding requests. */
  FrameCodec codec();

  /** Monotonic time in nanoseconds (the clock the protocol cores run on). */
  long nowNanos();

  /** Wall-clock time in unix epoch milliseconds (frame timestamps, record expiry). */
  long wallMillis();

  /**
   * Sends a REQUEST or ONE_WAY frame with a fresh request id.
   *
   * @param expectedOrNull the recipient's key when known: the frame is then addressed to its node
   *     id, and may reuse a connection that peer opened to us
   * @return the request id used, or -1 if the frame could not be sent (counted by the transport)
   */
  <T> long send(Endpoint to, PublicKey expectedOrNull, MessageType<T> type, T payload);

  /**
   * Sends a REQUEST frame and registers it as outstanding until {@code timeoutMillis} from now, so
   * that exactly one reply from {@code expectedOrNull} (any key if null) is accepted.
   *
   * @return the request id, or -1 if it could not be sent or too many requests are outstanding
   */
  <T> long request(
      Endpoint to, PublicKey expectedOrNull, MessageType<T> type, T payload, long timeoutMillis);

  /** Sends a REPLY frame answering request {@code requestId} over the connection {@code route}. */
  <T> SendResult reply(
      RouteId route, PublicKey requester, long requestId, MessageType<T> type, T payload);
}
