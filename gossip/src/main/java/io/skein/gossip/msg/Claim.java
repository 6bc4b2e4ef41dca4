package io.skein.gossip.msg;

import io.skein.crypto.PublicKey;
import io.skein.crypto.Verifier;

/**
 * A signed statement about one member, relayed from node to node. {@link Alive} and {@link Leave}
 * are signed by the member itself; {@link Suspect} and {@link Dead} are signed by an accuser and
 * quote an incarnation the accused signed. A receiver verifies a claim before it has any effect.
 */
public sealed interface Claim permits Alive, Leave, Suspect, Dead {
  /** What kind of claim this is. */
  ClaimType type();

  /** The member the claim is about. */
  PublicKey subject();

  /** The subject's incarnation the claim names. */
  long incarnation();

  /** The key whose signature the claim carries: the subject, or the accuser. */
  PublicKey signer();

  /** A copy of the 64-byte signature. */
  byte[] signature();

  /** The canonical bytes the signature covers ({@link ClaimEncoding}). */
  byte[] signedBytes();

  /** Whether the signature is {@link #signer()}'s over {@link #signedBytes()}. Never throws. */
  boolean verify(Verifier verifier);
}
