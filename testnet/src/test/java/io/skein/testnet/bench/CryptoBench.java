package io.skein.testnet.bench;

import io.skein.crypto.Domain;
import io.skein.crypto.Ed25519;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Sha256;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Ed25519 (Ed25519ctx with the frame domain) sign and verify of a 200-byte message, per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBench {
  private KeyPair keys;
  private PublicKey publicKey;
  private byte[] message;
  private byte[] signature;
  private final byte[] out = new byte[64];

  @Setup
  public void setUp() {
    Random random = new Random(42);
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    keys = KeyPair.fromSeed(seed);
    publicKey = keys.publicKey();
    message = new byte[200];
    random.nextBytes(message);
    signature = keys.sign(Domain.FRAME, message);
  }

  /** One Ed25519ctx signature of 200 bytes. */
  @Benchmark
  public byte[] sign() {
    keys.sign(Domain.FRAME, message, 0, message.length, out, 0);
    return out;
  }

  /** One Ed25519ctx verification of 200 bytes (public key point cached, as in the node). */
  @Benchmark
  public boolean verify() {
    return Ed25519.VERIFIER.verify(publicKey, Domain.FRAME, message, signature);
  }

  /** SHA-256 of 200 bytes through the JDK. */
  @Benchmark
  public byte[] sha256() {
    return Sha256.hash(message);
  }
}
