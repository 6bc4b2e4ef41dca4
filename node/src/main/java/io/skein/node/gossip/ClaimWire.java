package io.skein.node.gossip;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.ClaimType;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.Suspect;
import io.skein.node.wire.BoundedReads;
import io.skein.node.wire.BoundedWrites;
import io.skein.node.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wire forms of the parts gossip messages are made of. Keys and signatures are fixed-size (32 and
 * 64 bytes, no length prefix); a host is a bounded string; ports, incarnations and counts are
 * varints; a claim starts with its {@link ClaimType#id()}.
 *
 * <pre>
 * key       = 32 bytes
 * endpoint  = host (varint length &lt;= 253, then ASCII) | port (varint)
 * alive     = 1 | member key | endpoint | incarnation (varlong) | signature (64)
 * leave     = 2 | member key | incarnation (varlong) | signature (64)
 * suspect   = 3 | accused key | incarnation (varlong) | accuser key | signature (64)
 * dead      = 4 | accused key | incarnation (varlong) | accuser key | signature (64)
 * claims    = count (varint &lt;= the message's cap) | claim...
 * </pre>
 *
 * <p>A claim count is also checked against the bytes left in the payload ({@link #MIN_CLAIM_BYTES}
 * each) before any list is allocated, so a hostile count cannot make a large list.
 */
final class ClaimWire {
  /** Bytes of a public key. */
  static final int KEY_BYTES = Ed25519.PUBLIC_KEY_BYTES;

  /** Bytes of a claim signature. */
  static final int SIGNATURE_BYTES = Signer.SIGNATURE_BYTES;

  /** Smallest encoded claim: a leave at an incarnation below 128 (type, key, 1 byte, signature). */
  static final int MIN_CLAIM_BYTES = 1 + KEY_BYTES + 1 + SIGNATURE_BYTES;

  private ClaimWire() {}

  static void writeKey(Output out, PublicKey key) {
    out.writeBytes(key.bytes());
  }

  static PublicKey readKey(Input in) {
    return PublicKey.of(in.readBytes(KEY_BYTES));
  }

  static void writeEndpoint(Output out, Endpoint endpoint) {
    BoundedWrites.writeString(out, endpoint.host(), Endpoint.MAX_HOST_BYTES);
    out.writeVarInt(endpoint.port(), true);
  }

  /** Reads an endpoint; the {@link Endpoint} constructor rejects bad hosts and ports. */
  static Endpoint readEndpoint(Input in) {
    String host = BoundedReads.readString(in, Endpoint.MAX_HOST_BYTES);
    int port = in.readVarInt(true);
    return new Endpoint(host, port);
  }

  static void writeClaim(Output out, Claim claim) {
    out.writeByte(claim.type().id());
    if (claim instanceof Alive a) {
      writeKey(out, a.member());
      writeEndpoint(out, a.endpoint());
      out.writeVarLong(a.incarnation(), true);
    } else if (claim instanceof Leave l) {
      writeKey(out, l.member());
      out.writeVarLong(l.incarnation(), true);
    } else {
      writeKey(out, claim.subject());
      out.writeVarLong(claim.incarnation(), true);
      writeKey(out, claim.signer());
    }
    out.writeBytes(claim.signature());
  }

  static Claim readClaim(Input in) {
    int typeId = in.readByte();
    if (typeId == ClaimType.ALIVE.id()) {
      PublicKey member = readKey(in);
      Endpoint endpoint = readEndpoint(in);
      long incarnation = in.readVarLong(true);
      return new Alive(member, endpoint, incarnation, in.readBytes(SIGNATURE_BYTES));
    } else if (typeId == ClaimType.LEAVE.id()) {
      PublicKey member = readKey(in);
      long incarnation = in.readVarLong(true);
      return new Leave(member, incarnation, in.readBytes(SIGNATURE_BYTES));
    } else if (typeId == ClaimType.SUSPECT.id() || typeId == ClaimType.DEAD.id()) {
      PublicKey accused = readKey(in);
      long incarnation = in.readVarLong(true);
      PublicKey accuser = readKey(in);
      byte[] signature = in.readBytes(SIGNATURE_BYTES);
      return typeId == ClaimType.SUSPECT.id()
          ? new Suspect(accused, incarnation, accuser, signature)
          : new Dead(accused, incarnation, accuser, signature);
    }
    throw new WireFormatException("unknown claim type " + typeId);
  }

  static void writeClaims(Output out, List<Claim> claims, int max) {
    BoundedWrites.writeCount(out, claims.size(), max);
    for (Claim c : claims) {
      writeClaim(out, c);
    }
  }

  /**
   * Reads at most {@code max} claims, and no more than the bytes left could hold.
   *
   * @throws WireFormatException if the count is above either bound
   */
  static List<Claim> readClaims(Input in, int max) {
    int count = BoundedReads.readCount(in, max);
    if (count == 0) {
      return List.of();
    }
    if (in.getInputStream() == null) {
      int left = in.limit() - in.position();
      if (count > left / MIN_CLAIM_BYTES) {
        throw new WireFormatException(
            count + " claims cannot fit in the " + left + " bytes left of the payload");
      }
    }
    List<Claim> claims = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      claims.add(readClaim(in));
    }
    return Collections.unmodifiableList(claims);
  }

  /** Bytes {@link #writeClaim} writes for {@code claim}. */
  static int encodedSize(Claim claim) {
    int size = 1 + KEY_BYTES + varLongSize(claim.incarnation()) + SIGNATURE_BYTES;
    if (claim instanceof Alive a) {
      size += endpointSize(a.endpoint());
    } else if (!(claim instanceof Leave)) {
      size += KEY_BYTES;
    }
    return size;
  }

  /** Bytes {@link #writeEndpoint} writes for {@code endpoint}. */
  static int endpointSize(Endpoint endpoint) {
    int hostBytes = endpoint.host().length(); // an Endpoint's host is ASCII
    return varLongSize(hostBytes) + hostBytes + varLongSize(endpoint.port());
  }

  /** Bytes of a non-negative varint or varlong (7 bits per byte). */
  static int varLongSize(long value) {
    int bytes = 1;
    while ((value >>>= 7) != 0) {
      bytes++;
    }
    return bytes;
  }
}
