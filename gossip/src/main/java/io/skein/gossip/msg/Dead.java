package io.skein.gossip.msg;

import io.skein.crypto.Domain;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.Arrays;
import java.util.Objects;

/**
 * "My suspicion of {@code accused} at incarnation {@code incarnation} timed out", signed by the
 * accuser. A receiver never removes a member on one such claim: it counts as one accuser's
 * confirmation of a suspicion, exactly like a {@link Suspect}.
 *
 * @param accused the accused member's public key
 * @param incarnation the accused's incarnation, one it signed an {@link Alive} for; &gt;= 0
 * @param accuser the accusing member's public key
 * @param signature the accuser's 64-byte signature over {@link ClaimEncoding}'s dead bytes
 */
public record Dead(PublicKey accused, long incarnation, PublicKey accuser, byte[] signature)
    implements Claim {
  /** Validates the fields and copies the signature. */
  public Dead {
    Objects.requireNonNull(accused, "accused");
    Objects.requireNonNull(accuser, "accuser");
    ClaimEncoding.checkIncarnation(incarnation);
    signature = ClaimEncoding.checkSignature(signature);
  }

  /** The member behind {@code accuser} declares dead {@code accused} at {@code incarnation}. */
  public static Dead sign(Signer accuser, PublicKey accused, long incarnation) {
    byte[] bytes =
        ClaimEncoding.accusation(
            ClaimType.DEAD,
            accused,
            ClaimEncoding.checkIncarnation(incarnation),
            accuser.publicKey());
    return new Dead(
        accused, incarnation, accuser.publicKey(), accuser.sign(Domain.GOSSIP_CLAIM, bytes));
  }

  @Override
  public ClaimType type() {
    return ClaimType.DEAD;
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
    return ClaimEncoding.accusation(ClaimType.DEAD, accused, incarnation, accuser);
  }

  @Override
  public boolean verify(Verifier verifier) {
    return verifier.verify(accuser, Domain.GOSSIP_CLAIM, signedBytes(), signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dead c
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
    return "Dead("
        + accused.nodeId().shortId()
        + " inc="
        + incarnation
        + " by "
        + accuser.nodeId().shortId()
        + ")";
  }
}
