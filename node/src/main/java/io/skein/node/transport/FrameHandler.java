package io.skein.node.transport;

/** Receives the frames a {@link Transport} accepted, on the event loop thread. */
@FunctionalInterface
public interface FrameHandler {
  /**
   * One frame from the connection {@code route}. The array is the handler's to keep. An exception
   * thrown here is logged and counted; the transport goes on.
   */
  void onFrame(RouteId route, byte[] frame);
}
