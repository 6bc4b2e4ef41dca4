package io.skein.node.transport;

import io.skein.crypto.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a peer that reproduces JeroMQ trap 3 on demand: the first {@code
 * stalled} connections are accepted and then left silent (no ZMTP greeting ever comes back), later
 * ones are piped to the peer. Threads are daemons; {@link #close} closes every socket.
 */
final class StallingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Endpoint target;
  private final int stalled;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  StallingProxy(Endpoint target, int stalled) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    this.stalled = stalled;
    Thread t = new Thread(this::acceptLoop, "stalling-proxy");
    t.setDaemon(true);
    t.start();
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getLocalPort());
  }

  /** Connections accepted so far, stalled ones included. */
  int accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    try {
      while (!server.isClosed()) {
        Socket in = server.accept();
        sockets.add(in);
        if (accepted.incrementAndGet() <= stalled) {
          continue; // accepted, never answered
        }
        Socket out = new Socket(target.host(), target.port());
        sockets.add(out);
        pipe(in, out);
        pipe(out, in);
      }
    } catch (IOException e) {
      // closed
    }
  }

  private static void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // a side closed
              }
            },
            "stalling-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
