package io.skein.node.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads request bodies without trusting Content-Length: at most one byte past the cap is ever read
 * or buffered, and a body that does not arrive within the deadline is dropped by closing the
 * connection (the JDK server has no per-request read timeout of its own).
 */
final class BodyReader {
  /**
   * Most bytes past the cap read and dropped so a refused client can read its 413: 1 MiB, about a
   * millisecond on loopback and well within the body timeout on any link that could send it.
   */
  static final int MAX_DISCARD_BYTES = 1024 * 1024;

  /** First buffer size; it doubles up to the cap as bytes arrive. */
  static final int INITIAL_BUFFER_BYTES = 8 * 1024;

  private static final int READING = 0;
  private static final int DONE = 1;
  private static final int TIMED_OUT = 2;

  private final ScheduledExecutorService watchdog;
  private final long timeoutMillis;

  BodyReader(ScheduledExecutorService watchdog, long timeoutMillis) {
    this.watchdog = watchdog;
    this.timeoutMillis = timeoutMillis;
  }

  /** The body came too slowly: the connection is closed, there is nobody left to answer. */
  static final class BodyTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTimeoutException(long millis) {
      super("request body not received within " + millis + " ms");
    }
  }

  /**
   * The whole body, at most {@code cap} bytes.
   *
   * <p>A body over the cap is refused with 413. So that the client can read that answer (a socket
   * closed with unread input resets the connection, and the reset can destroy the answer before the
   * client reads it), up to {@link #MAX_DISCARD_BYTES} more are read and dropped; a body longer
   * still, or declared longer, is answered and the connection closed.
   *
   * @throws ApiException 413 if the body (or its declared length) is longer than {@code cap}
   * @throws BodyTimeoutException if it did not arrive in time (the connection is closed)
   * @throws IOException if the connection failed
   */
  byte[] read(HttpExchange exchange, int cap) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declaredLength(declared) > cap + MAX_DISCARD_BYTES) {
      throw tooLarge(cap, true);
    }
    AtomicInteger state = new AtomicInteger(READING);
    ScheduledFuture<?> timer =
        watchdog.schedule(
            () -> {
              if (state.compareAndSet(READING, TIMED_OUT)) {
                // No response has been started, so this closes the connection outright, which
                // also ends the worker's blocked read.
                exchange.close();
              }
            },
            timeoutMillis,
            TimeUnit.MILLISECONDS);
    byte[] buffer = new byte[Math.min(INITIAL_BUFFER_BYTES, cap + 1)];
    int length = 0;
    boolean drained = true;
    try {
      InputStream in = exchange.getRequestBody();
      while (true) {
        if (length == buffer.length) {
          if (buffer.length > cap) {
            drained = discard(in);
            break;
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, cap + 1L));
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    } catch (IOException e) {
      if (state.get() == TIMED_OUT) {
        throw new BodyTimeoutException(timeoutMillis);
      }
      throw e;
    } finally {
      timer.cancel(false);
    }
    if (!state.compareAndSet(READING, DONE)) {
      throw new BodyTimeoutException(timeoutMillis);
    }
    if (length > cap) {
      throw tooLarge(cap, !drained);
    }
    return Arrays.copyOf(buffer, length);
  }

  /** Reads and drops up to {@link #MAX_DISCARD_BYTES}; whether the body ended. */
  private static boolean discard(InputStream in) throws IOException {
    byte[] sink = new byte[INITIAL_BUFFER_BYTES];
    long left = MAX_DISCARD_BYTES;
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        return true;
      }
      left -= n;
    }
    return in.read() < 0;
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      // The JDK already refused unparsable lengths; treat anything else as "unknown".
      return -1;
    }
  }

  private static ApiException tooLarge(int cap, boolean close) {
    ApiException e =
        new ApiException(413, "body_too_large", "the request body is longer than " + cap + " bytes")
            .with("maxBytes", cap);
    return close ? e.withHeader("Connection", "close") : e;
  }
}
