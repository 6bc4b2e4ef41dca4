package io.skein.gossip.msg;

import io.skein.crypto.Domain;
import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import java.util.Arrays;
import java.util.Objects;

/**
 * "Member {@code member} is alive at {@code endpoint}, incarnation {@code incarnation}", signed by
 * the member. A higher incarnation refutes any suspicion of an older one.
 *
 * @param member the member's public key (its identity)
 * @param endpoint where the member can be reached
 * @param incarnation the member's incarnation, &gt;= 0
 * @param signature the member's 64-byte signature over {@link ClaimEncoding}'s alive bytes
 */
public record Alive(PublicKey member, Endpoint endpoint, long incarnation, byte[] signature)
    implements Claim {
  /** Validates the fields and copies the signature. */
  public Alive {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(endpoint, "endpoint");
    ClaimEncoding.checkIncarnation(incarnation);
    signature = ClaimEncoding.checkSignature(signature);
  }

  /** The member behind {@code signer} claims to be alive at {@code endpoint}. */
  public static Alive sign(Signer signer, Endpoint endpoint, long incarnation) {
    byte[] bytes =
        ClaimEncoding.alive(
            signer.publicKey(), endpoint, ClaimEncoding.checkIncarnation(incarnation));
    return new Alive(
        signer.publicKey(), endpoint, incarnation, signer.sign(Domain.GOSSIP_CLAIM, bytes));
  }

  @Override
  public ClaimType type() {
    return ClaimType.ALIVE;
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
    return ClaimEncoding.alive(member, endpoint, incarnation);
  }

  @Override
  public boolean verify(Verifier verifier) {
    return verifier.verify(member, Domain.GOSSIP_CLAIM, signedBytes(), signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Alive a
        && incarnation == a.incarnation
        && member.equals(a.member)
        && endpoint.equals(a.endpoint)
        && Arrays.equals(signature, a.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(member, endpoint, incarnation) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Alive(" + member.nodeId().shortId() + " @" + endpoint + " inc=" + incarnation + ")";
  }
}
