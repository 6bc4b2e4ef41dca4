package io.skein.node.wire;

/**
 * Every wire message type id, in one place. Ids are part of the wire format: <b>append only</b>.
 * Never renumber or reuse an id, not even one whose message was retired (leave a comment saying it
 * is retired).
 *
 * <p>Ranges, so that subsystems developed in parallel never pick the same id:
 *
 * <pre>
 *   0         invalid (never on the wire)
 *   1..15     node: liveness and transport control
 *   16..63    gossip (SWIM, Lifeguard, push-pull)
 *   64..127   dht (Kademlia RPCs, records)
 *   128..     unassigned
 * </pre>
 *
 * <table>
 *   <caption>Assigned ids</caption>
 *   <tr><th>id</th><th>name</th><th>payload</th><th>kind</th></tr>
 *   <tr><td>1</td><td>ping</td><td>{@link Ping}</td><td>REQUEST</td></tr>
 *   <tr><td>2</td><td>ack</td><td>{@link Ack}</td><td>REPLY</td></tr>
 * </table>
 */
public final class WireTypeIds {
  /** {@link Ping}: a liveness probe / round-trip measurement, answered by {@link #ACK}. */
  public static final int PING = 1;

  /** {@link Ack}: the reply to a {@link #PING}. */
  public static final int ACK = 2;

  private WireTypeIds() {}
}
