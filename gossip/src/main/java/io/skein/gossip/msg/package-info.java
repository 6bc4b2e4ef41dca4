/**
 * Gossip wire messages and signed membership claims: immutable records with bounded lists, so a
 * codec can write fixed-limit serializers for them.
 *
 * <p>Claims ({@link io.skein.gossip.msg.Alive}, {@link io.skein.gossip.msg.Leave}, {@link
 * io.skein.gossip.msg.Suspect}, {@link io.skein.gossip.msg.Dead}) carry their originator's
 * signature over a canonical encoding ({@link io.skein.gossip.msg.ClaimEncoding}) in the {@link
 * io.skein.crypto.Domain#GOSSIP_CLAIM} domain. Messages ({@link io.skein.gossip.msg.GossipMessage})
 * carry claims piggybacked, or the full state for push-pull.
 */
package io.skein.gossip.msg;
