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
 *   <tr><td>16</td><td>gossip_ping</td><td>GossipEnvelope.OfPing</td><td>ONE_WAY</td></tr>
 *   <tr><td>17</td><td>gossip_ack</td><td>GossipEnvelope.OfAck</td><td>ONE_WAY</td></tr>
 *   <tr><td>18</td><td>gossip_ping_req</td><td>GossipEnvelope.OfPingReq</td><td>ONE_WAY</td></tr>
 *   <tr><td>19</td><td>gossip_nack</td><td>GossipEnvelope.OfNack</td><td>ONE_WAY</td></tr>
 *   <tr><td>20</td><td>gossip_rumors</td><td>GossipEnvelope.OfGossip</td><td>ONE_WAY</td></tr>
 *   <tr><td>21</td><td>gossip_push_pull_request</td><td>GossipEnvelope.OfPushPullRequest</td>
 *       <td>ONE_WAY</td></tr>
 *   <tr><td>22</td><td>gossip_push_pull_response</td><td>GossipEnvelope.OfPushPullResponse</td>
 *       <td>ONE_WAY</td></tr>
 *   <tr><td>23</td><td>gossip_push_pull_digest</td><td>GossipEnvelope.OfPushPullDigest</td>
 *       <td>ONE_WAY</td></tr>
 *   <tr><td>24</td><td>gossip_push_pull_digest_reply</td>
 *       <td>GossipEnvelope.OfPushPullDigestReply</td><td>ONE_WAY</td></tr>
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
 *
 * <p>Gossip payloads (ids 16..24, in {@code io.skein.node.gossip}) are the SWIM messages of {@code
 * io.skein.gossip.msg} in the same order, {@code 15 + io.skein.gossip.msg.MessageType}, each with
 * the sender's advertised endpoint.
 */
public final class WireTypeIds {
  /** {@link Ping}: a liveness probe / round-trip measurement, answered by {@link #ACK}. */
  public static final int PING = 1;

  /** {@link Ack}: the reply to a {@link #PING}. */
  public static final int ACK = 2;

  /** Gossip: a SWIM probe. */
  public static final int GOSSIP_PING = 16;

  /** Gossip: the answer to a probe, direct or relayed by a ping-req helper. */
  public static final int GOSSIP_ACK = 17;

  /** Gossip: an indirect probe through a helper. */
  public static final int GOSSIP_PING_REQ = 18;

  /** Gossip: a helper's negative answer, or a refused push-pull. */
  public static final int GOSSIP_NACK = 19;

  /** Gossip: rumors sent on the gossip interval. */
  public static final int GOSSIP_RUMORS = 20;

  /** Gossip: a full state exchange request (also the join request). */
  public static final int GOSSIP_PUSH_PULL_REQUEST = 21;

  /** Gossip: the answer to a push-pull request. */
  public static final int GOSSIP_PUSH_PULL_RESPONSE = 22;

  /** Gossip: a periodic state exchange begun with a digest of the requester's state. */
  public static final int GOSSIP_PUSH_PULL_DIGEST = 23;

  /** Gossip: the answer to a digest, in sync or not. */
  public static final int GOSSIP_PUSH_PULL_DIGEST_REPLY = 24;

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
