package io.skein.testnet.sim;

import io.skein.crypto.PublicKey;

/**
 * One entry of the simulator's event queue. Mutable and pooled: the simulator recycles entries so a
 * delivered message costs no allocation beyond the message itself.
 */
final class SimEvent {
  static final byte DELIVER = 0;
  static final byte TICK = 1;
  static final byte RESUME = 2;
  static final byte ACTION = 3;

  long time;
  long seq;
  byte kind;

  /** DELIVER: destination; TICK, RESUME: the node. */
  int node;

  /** DELIVER: sender index. */
  int from;

  /** TICK, RESUME: the node's incarnation when scheduled. */
  int incarnation;

  /** DELIVER: the message object, or its encoded bytes when a codec is in use. */
  Object payload;

  PublicKey fromKey;
  PublicKey expectedKey;
  long fingerprint;
  Runnable action;

  /** Next entry in the free list. */
  SimEvent nextFree;

  void clear() {
    payload = null;
    fromKey = null;
    expectedKey = null;
    action = null;
  }
}
