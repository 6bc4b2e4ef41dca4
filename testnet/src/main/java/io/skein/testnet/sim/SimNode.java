package io.skein.testnet.sim;

import io.skein.crypto.Endpoint;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.random.RandomGenerator;

/**
 * What a {@link SimProcessFactory} gets to build one node's core.
 *
 * @param index the node's slot in the simulator, stable across restarts
 * @param endpoint the node's address, stable across restarts ({@link Simulator#endpointOf(int)})
 * @param signer the node's identity (the same or a fresh one after a restart)
 * @param verifier the verifier every node shares
 * @param random this incarnation's random stream, derived from the seed, the index and the
 *     incarnation, independent of every other stream
 * @param nowNanos the virtual time of creation
 * @param incarnation 0 for the first start, then 1, 2, ... for each restart
 */
public record SimNode(
    int index,
    Endpoint endpoint,
    Signer signer,
    Verifier verifier,
    RandomGenerator random,
    long nowNanos,
    int incarnation) {}
