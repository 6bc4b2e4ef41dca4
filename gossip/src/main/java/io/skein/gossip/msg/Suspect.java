package io.skein.gossip.msg;

import io.skein.crypto.Domain;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.Arrays;
import java.util.Objects;

/**
 * "I could not reach {@code accused} at incarnation {@code incarnation}", signed by the accuser.
 * Receivers that know the accused at exactly that incarnation start their own suspicion timer and
 * probe the accused; the accused refutes with a higher self-signed {@link Alive}.
 *
 * @param accused the accused member's public key
 * @param incarnation the accused's incarnation, one it signed an {@link Alive} for; &gt;= 0
 * @param accuser the accusing member's public key
 * @param signature the accuser's 64-byte signature over {@link ClaimEncoding}'s suspect bytes
 */
public record Suspect(PublicKey accused, long incarnation, PublicKey accuser, byte[] signature)
    implements Claim {
  /** Validates the fields and copies the signature. */
  public Suspect {
    Objects.requireNonNull(accused, "accused");
    Objects.requireNonNull(accuser, "accuser");
    ClaimEncoding.checkIncarnation(incarnation);
    signature = ClaimEncoding.checkSignature(signature);
  }

  /** The member behind {@code accuser} suspects {@code accused} at {@code incarnation}. */
  public static Suspect sign(Signer accuser, PublicKey accused, long incarnation) {
    byte[] bytes =
        ClaimEncoding.accusation(
            ClaimType.SUSPECT,
            accused,
            ClaimEncoding.checkIncarnation(incarnation),
            accuser.publicKey());
    return new Suspect(
        accused, incarnation, accuser.publicKey(), accuser.sign(Domain.GOSSIP_CLAIM, bytes));
  }

  @Override
  public ClaimType type() {
    return ClaimType.SUSPECT;
  }

  @Override
  public PublicKey subject() {
    return accused;
  }

  @Override
  public PublicKey signer() {
    return accuser;
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] signedBytes() {
    return ClaimEncoding.accusation(ClaimType.SUSPECT, accused, incarnation, accuser);
  }

  @Override
  public boolean verify(Verifier verifier) {
    return verifier.verify(accuser, Domain.GOSSIP_CLAIM, signedBytes(), signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Suspect c
        && incarnation == c.incarnation
        && accused.equals(c.accused)
        && accuser.equals(c.accuser)
        && Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accused, incarnation, accuser) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Suspect("
        + accused.nodeId().shortId()
        + " inc="
        + incarnation
        + " by "
        + accuser.nodeId().shortId()
        + ")";
  }
}
