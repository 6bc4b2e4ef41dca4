package io.skein.node.api;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.gossip.MemberState;
import java.util.Objects;

/**
 * One member as this node sees it; {@code GET /v1/members} lists them as {@code {"id": hex,
 * "address": "host:port", "state": "alive"|"suspect"|"dead"|"left", "incarnation": n}}.
 *
 * @param id the member's node id
 * @param address where it listens
 * @param state alive, suspect, dead or left
 * @param incarnation the highest incarnation it signed that this node has seen
 */
public record MemberView(NodeId id, Endpoint address, MemberState state, long incarnation) {
  /** Checks the fields. */
  public MemberView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(state, "state");
  }
}
