package io.skein.testnet.sim;

/**
 * Optional: a real wire codec, so small runs carry bytes instead of message objects and exercise
 * encoding, decoding and its limits. Each delivered copy is decoded separately.
 *
 * @param <M> the message type
 */
public interface SimCodec<M> {
  /** The bytes that go on the simulated wire. */
  byte[] encode(M message);

  /**
   * The message these bytes hold. May throw anything on bad input: the simulator counts it as a
   * {@link TraceKind#DROP_DECODE} and drops the message.
   */
  M decode(byte[] bytes) throws Exception;
}
