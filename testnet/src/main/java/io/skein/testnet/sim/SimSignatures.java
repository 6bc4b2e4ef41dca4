package io.skein.testnet.sim;

import io.skein.crypto.Domain;
import io.skein.crypto.Ed25519;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A cheap, deterministic stand-in for Ed25519 that still rejects forgeries inside a simulation.
 *
 * <p>Each identity is 32 random bytes of "public key" and 32 random bytes of secret, drawn from a
 * seeded stream. A signature is {@code SHA-256(secret || domain tag || message)} followed by the 32
 * public-key bytes. Only this registry, held by the simulator, maps a public key to its secret, so
 * a node that knows other nodes' public keys and signatures still cannot sign for them; a signature
 * for one domain does not verify for another; changing one bit of the message or the signature
 * fails. It costs one SHA-256 over the message (well under a microsecond for a gossip-sized
 * message) instead of Ed25519's ~80 us verify.
 *
 * <p>Not thread-safe: a simulation is single-threaded. Not cryptography outside a simulation: the
 * registry is in the same heap as everything else.
 */
public final class SimSignatures implements SimKeys, Verifier {
  private static final byte[][] DOMAIN_TAGS = domainTags();

  private final Map<PublicKey, byte[]> secrets = new HashMap<>();
  private final MessageDigest digest;
  private final byte[] scratch = new byte[32];

  /** An empty registry. */
  public SimSignatures() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public Signer newSigner(RandomGenerator random) {
    byte[] publicBytes = new byte[Ed25519.PUBLIC_KEY_BYTES];
    byte[] secret = new byte[32];
    PublicKey key;
    do {
      random.nextBytes(publicBytes);
      random.nextBytes(secret);
      key = PublicKey.of(publicBytes);
    } while (secrets.containsKey(key));
    secrets.put(key, secret);
    return new StandInSigner(this, key, secret);
  }

  @Override
  public Verifier verifier() {
    return this;
  }

  /** How many identities this registry made. */
  public int size() {
    return secrets.size();
  }

  @Override
  public boolean verify(
      PublicKey key,
      Domain domain,
      byte[] message,
      int offset,
      int length,
      byte[] signature,
      int sigOffset) {
    if (key == null
        || domain == null
        || message == null
        || signature == null
        || offset < 0
        || length < 0
        || offset > message.length - length
        || sigOffset < 0
        || sigOffset > signature.length - Signer.SIGNATURE_BYTES) {
      return false;
    }
    byte[] secret = secrets.get(key);
    if (secret == null || !key.equalsBytes(signature, sigOffset + 32)) {
      return false;
    }
    mac(secret, domain, message, offset, length, scratch, 0);
    return Arrays.equals(scratch, 0, 32, signature, sigOffset, sigOffset + 32);
  }

  void sign(
      PublicKey key,
      byte[] secret,
      Domain domain,
      byte[] message,
      int offset,
      int length,
      byte[] out,
      int outOffset) {
    mac(secret, domain, message, offset, length, out, outOffset);
    key.copyTo(out, outOffset + 32);
  }

  private void mac(
      byte[] secret, Domain domain, byte[] message, int offset, int length, byte[] out, int off) {
    digest.reset();
    digest.update(secret);
    digest.update(DOMAIN_TAGS[domain.ordinal()]);
    digest.update(message, offset, length);
    try {
      digest.digest(out, off, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
    }
  }

  /** Per domain: one length byte and the domain's name, so no tag is a prefix of another. */
  private static byte[][] domainTags() {
    Domain[] domains = Domain.values();
    byte[][] tags = new byte[domains.length][];
    for (Domain d : domains) {
      byte[] name = ("skein-sim/" + d.name()).getBytes(StandardCharsets.US_ASCII);
      byte[] tag = new byte[name.length + 1];
      tag[0] = (byte) name.length;
      System.arraycopy(name, 0, tag, 1, name.length);
      tags[d.ordinal()] = tag;
    }
    return tags;
  }

  /** One stand-in identity. */
  private static final class StandInSigner implements Signer {
    private final SimSignatures registry;
    private final PublicKey key;
    private final byte[] secret;

    StandInSigner(SimSignatures registry, PublicKey key, byte[] secret) {
      this.registry = registry;
      this.key = key;
      this.secret = secret;
    }

    @Override
    public PublicKey publicKey() {
      return key;
    }

    @Override
    public void sign(
        Domain domain, byte[] message, int offset, int length, byte[] out, int outOffset) {
      registry.sign(key, secret, domain, message, offset, length, out, outOffset);
    }

    @Override
    public String toString() {
      return "SimSigner(" + key.hex().substring(0, 16) + ")";
    }
  }
}
