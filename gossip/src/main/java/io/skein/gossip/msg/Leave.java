package io.skein.gossip.msg;

import io.skein.crypto.Domain;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.Arrays;
import java.util.Objects;

/**
 * "Member {@code member} leaves the cluster at incarnation {@code incarnation}", signed by the
 * member. Receivers mark it LEFT, not DEAD.
 *
 * @param member the leaving member's public key
 * @param incarnation the incarnation it leaves at, &gt;= 0
 * @param signature the member's 64-byte signature over {@link ClaimEncoding}'s leave bytes
 */
public record Leave(PublicKey member, long incarnation, byte[] signature) implements Claim {
  /** Validates the fields and copies the signature. */
  public Leave {
    Objects.requireNonNull(member, "member");
    ClaimEncoding.checkIncarnation(incarnation);
    signature = ClaimEncoding.checkSignature(signature);
  }

  /** The member behind {@code signer} leaves at {@code incarnation}. */
  public static Leave sign(Signer signer, long incarnation) {
    byte[] bytes =
        ClaimEncoding.leave(signer.publicKey(), ClaimEncoding.checkIncarnation(incarnation));
    return new Leave(signer.publicKey(), incarnation, signer.sign(Domain.GOSSIP_CLAIM, bytes));
  }

  @Override
  public ClaimType type() {
    return ClaimType.LEAVE;
  }

  @Override
  public PublicKey subject() {
    return member;
  }

  @Override
  public PublicKey signer() {
    return member;
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] signedBytes() {
    return ClaimEncoding.leave(member, incarnation);
  }

  @Override
  public boolean verify(Verifier verifier) {
    return verifier.verify(member, Domain.GOSSIP_CLAIM, signedBytes(), signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Leave l
        && incarnation == l.incarnation
        && member.equals(l.member)
        && Arrays.equals(signature, l.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(member, incarnation) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Leave(" + member.nodeId().shortId() + " inc=" + incarnation + ")";
  }
}
