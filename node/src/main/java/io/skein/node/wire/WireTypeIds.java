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
 *   <tr><td>64</td><td>dht_find_node</td><td>{@code io.skein.node.dht.FindNodeRequest}</td>
 *       <td>REQUEST</td></tr>
 *   <tr><td>65</td><td>dht_find_value</td><td>{@code io.skein.node.dht.FindValueRequest}</td>
 *       <td>REQUEST</td></tr>
 *   <tr><td>66</td><td>dht_store</td><td>{@code io.skein.node.dht.StoreRequest}</td>
 *       <td>REQUEST</td></tr>
 *   <tr><td>67</td><td>dht_nodes</td><td>{@code io.skein.dht.msg.Nodes}</td><td>REPLY</td></tr>
 *   <tr><td>68</td><td>dht_value</td><td>{@code io.skein.dht.msg.Value}</td><td>REPLY</td></tr>
 *   <tr><td>69</td><td>dht_store_ack</td><td>{@code io.skein.dht.msg.StoreAck}</td>
 *       <td>REPLY</td></tr>
 * </table>
 */
public final class WireTypeIds {
  /** {@link Ping}: a liveness probe / round-trip measurement, answered by {@link #ACK}. */
  public static final int PING = 1;

  /** {@link Ack}: the reply to a {@link #PING}. */
  public static final int ACK = 2;

  /** DHT FIND_NODE (and the DHT's verification ping), answered by {@link #DHT_NODES}. */
  public static final int DHT_FIND_NODE = 64;

  /** DHT FIND_VALUE, answered by {@link #DHT_VALUE}. */
  public static final int DHT_FIND_VALUE = 65;

  /** DHT STORE, answered by {@link #DHT_STORE_ACK}. */
  public static final int DHT_STORE = 66;

  /** DHT reply to {@link #DHT_FIND_NODE}: the closest contacts the responder knows. */
  public static final int DHT_NODES = 67;

  /** DHT reply to {@link #DHT_FIND_VALUE}: the record held, if any, and closest contacts. */
  public static final int DHT_VALUE = 68;

  /** DHT reply to {@link #DHT_STORE}: stored, or the reject reason. */
  public static final int DHT_STORE_ACK = 69;

  private WireTypeIds() {}
}
