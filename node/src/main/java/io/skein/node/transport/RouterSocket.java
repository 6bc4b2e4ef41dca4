package io.skein.node.transport;

import io.skein.crypto.Endpoint;
import java.net.BindException;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/** Creates and binds a node's ROUTER socket with the options the transport relies on. */
final class RouterSocket {
  private RouterSocket() {}

  /**
   * A ROUTER with LINGER 0, ROUTER_MANDATORY, JeroMQ's default IMMEDIATE (true: needed for
   * connect-rids, measured), bounded high-water marks, the frame size limit, reconnect backoff and
   * handshake timeout from {@code config}.
   */
  static ZMQ.Socket create(ZContext context, TransportConfig config) {
    ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
    router.setLinger(0);
    router.setRouterMandatory(true);
    router.setImmediate(true);
    router.setSndHWM(config.sendHighWaterMark());
    router.setRcvHWM(config.receiveHighWaterMark());
    router.setMaxMsgSize(TransportConfig.MAX_FRAME_BYTES);
    router.setReconnectIVL(config.reconnectIntervalMillis());
    router.setReconnectIVLMax(config.reconnectIntervalMaxMillis());
    router.setHandshakeIvl(config.handshakeTimeoutMillis());
    return router;
  }

  /**
   * Binds {@code router} to {@code host:port} (0: a free port) and returns the bound endpoint; on
   * failure closes it and throws a {@link BindException} naming the port.
   */
  static Endpoint bind(ZMQ.Socket router, String host, int port) throws BindException {
    String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    String uri = "tcp://" + hostPart + ":" + (port == 0 ? "*" : Integer.toString(port));
    try {
      router.bind(uri);
      return Endpoint.parse(router.getLastEndpoint().substring("tcp://".length()));
    } catch (ZMQException | IllegalArgumentException e) {
      router.close();
      int code = e instanceof ZMQException z ? z.getErrorCode() : 0;
      String where = hostPart + ":" + port;
      BindException be =
          new BindException(
              code == ZError.EADDRINUSE
                  ? "cannot listen on " + where + ": port " + port + " is already in use"
                  : "cannot listen on " + where + ": " + (code != 0 ? ZError.toString(code) : e));
      be.initCause(e);
      throw be;
    }
  }
}
