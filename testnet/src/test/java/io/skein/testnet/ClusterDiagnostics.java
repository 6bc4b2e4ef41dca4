package io.skein.testnet;

import io.skein.node.Node;
import io.skein.node.transport.DropReason;

/** A one-line summary of a cluster's drop counters, printed when a test fails. */
final class ClusterDiagnostics {
  private ClusterDiagnostics() {}

  static String summary(LocalCluster cluster) {
    StringBuilder sb = new StringBuilder("transport drops:");
    for (DropReason r : DropReason.values()) {
      long n = cluster.nodes().stream().mapToLong(x -> x.transportMetrics().framesDropped(r)).sum();
      if (n > 0) {
        sb.append(' ').append(r.label()).append('=').append(n);
      }
    }
    sb.append("; codec drops:");
    for (io.skein.node.wire.DropReason r : io.skein.node.wire.DropReason.values()) {
      long n = cluster.nodes().stream().mapToLong(x -> x.wireMetrics().droppedCount(r)).sum();
      if (n > 0) {
        sb.append(' ').append(r.label()).append('=').append(n);
      }
    }
    sb.append("; connections opened=")
        .append(sum(cluster, n -> n.transportMetrics().connectionsOpened()))
        .append(" stalled=")
        .append(sum(cluster, n -> n.transportMetrics().connectionsClosed("handshake_stalled")))
        .append(" sent=")
        .append(sum(cluster, n -> n.transportMetrics().framesSent()))
        .append(" received=")
        .append(sum(cluster, n -> n.transportMetrics().framesReceived()));
    return sb.toString();
  }

  private static long sum(LocalCluster c, java.util.function.ToLongFunction<Node> f) {
    return c.nodes().stream().mapToLong(f).sum();
  }
}
