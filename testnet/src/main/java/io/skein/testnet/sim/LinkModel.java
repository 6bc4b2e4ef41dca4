package io.skein.testnet.sim;

/**
 * How one direction of a link behaves. A message is lost with {@code lossProbability}; otherwise it
 * arrives after {@code baseDelayNanos} plus a uniform jitter in {@code [0, jitterNanos)}, and with
 * {@code duplicateProbability} a second copy arrives after its own independent delay. Two messages
 * on the same link are reordered whenever the jitter draws cross, so any jitter larger than the gap
 * between sends reorders.
 *
 * @param baseDelayNanos fixed one-way delay, {@code >= 0}
 * @param jitterNanos width of the uniform extra delay, {@code >= 0}
 * @param lossProbability chance each message is dropped, in {@code [0, 1]}
 * @param duplicateProbability chance a delivered message is delivered twice, in {@code [0, 1]}
 */
public record LinkModel(
    long baseDelayNanos, long jitterNanos, double lossProbability, double duplicateProbability) {

  /** Validates the ranges. */
  public LinkModel {
    if (baseDelayNanos < 0 || jitterNanos < 0) {
      throw new IllegalArgumentException(
          "delays must be >= 0: base=" + baseDelayNanos + " jitter=" + jitterNanos);
    }
    if (!(lossProbability >= 0 && lossProbability <= 1)) {
      throw new IllegalArgumentException("lossProbability must be in [0,1]: " + lossProbability);
    }
    if (!(duplicateProbability >= 0 && duplicateProbability <= 1)) {
      throw new IllegalArgumentException(
          "duplicateProbability must be in [0,1]: " + duplicateProbability);
    }
  }

  /** No delay, no loss: every message arrives at the instant it is sent. */
  public static LinkModel ideal() {
    return new LinkModel(0, 0, 0, 0);
  }

  /**
   * A data-centre LAN: 200 us base plus up to 300 us jitter (one-way 0.2-0.5 ms, roughly a loopback
   * JeroMQ round trip of 110-210 us doubled for a real switch hop), no loss.
   */
  public static LinkModel lan() {
    return new LinkModel(200_000, 300_000, 0, 0);
  }

  /** A wide-area link: 30 ms base plus up to 20 ms jitter, no loss. */
  public static LinkModel wan() {
    return new LinkModel(30_000_000, 20_000_000, 0, 0);
  }

  /** This model with another fixed delay and jitter. */
  public LinkModel withDelay(long baseDelayNanos, long jitterNanos) {
    return new LinkModel(baseDelayNanos, jitterNanos, lossProbability, duplicateProbability);
  }

  /** This model with another loss probability. */
  public LinkModel withLoss(double lossProbability) {
    return new LinkModel(baseDelayNanos, jitterNanos, lossProbability, duplicateProbability);
  }

  /** This model with another duplication probability. */
  public LinkModel withDuplication(double duplicateProbability) {
    return new LinkModel(baseDelayNanos, jitterNanos, lossProbability, duplicateProbability);
  }
}
