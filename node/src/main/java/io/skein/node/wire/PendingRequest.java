package io.skein.node.wire;

import io.skein.crypto.PublicKey;

/**
 * A request we sent and await a reply to.
 *
 * @param requestId the id the reply must carry
 * @param expectedSender the key the reply must be signed by, or {@code null} if any key may answer
 *     (a first contact to an address whose key we do not know yet)
 * @param deadlineMillis when the request expires (unix epoch millis); a reply at or after it is
 *     refused
 */
public record PendingRequest(long requestId, PublicKey expectedSender, long deadlineMillis) {}
