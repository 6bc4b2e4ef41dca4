package io.skein.testnet.sim;

/** The seed {@link SimSeedExtension} chose for a test; take it as a test method parameter. */
public record SimSeed(long value) {}
