package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.NodeId;
import io.skein.crypto.PublicKey;

/**
 * A snapshot of one member as this node sees it.
 *
 * @param id SHA-256 of the key
 * @param key the member's public key, its identity
 * @param endpoint where it last said it can be reached
 * @param state its state here
 * @param incarnation the highest incarnation it signed that this node knows
 */
public record Member(
    NodeId id, PublicKey key, Endpoint endpoint, MemberState state, long incarnation) {}
