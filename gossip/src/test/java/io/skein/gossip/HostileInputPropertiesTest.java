package io.skein.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.OneCore.Peer;
import io.skein.gossip.msg.Ack;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.GossipMessage;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.Nack;
import io.skein.gossip.msg.Ping;
import io.skein.gossip.msg.PingReq;
import io.skein.gossip.msg.PushPullRequest;
import io.skein.gossip.msg.PushPullResponse;
import io.skein.gossip.msg.Suspect;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever a liar sends without the right keys, a core neither throws nor changes its view. */
class HostileInputPropertiesTest {

  @Property(tries = 60)
  void unsignedGarbageNeverChangesMembershipNorThrows(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int messages) {
    OneCore core = new OneCore(GossipConfig.lan(), 3);
    List<Peer> peers = core.knownPeers(6);
    Peer liar = peers.get(5);
    SplittableRandom r = new SplittableRandom(seed);
    List<PublicKey> keys = new ArrayList<>();
    for (Peer p : peers) {
      keys.add(p.key());
    }
    keys.add(core.keys.publicKey());
    for (int i = 0; i < messages; i++) {
      List<Claim> claims = new ArrayList<>();
      int n = r.nextInt(9);
      for (int j = 0; j < n; j++) {
        claims.add(garbageClaim(r, keys));
      }
      core.receive(liar, message(r, claims, keys));
      core.advance(r.nextLong(300 * OneCore.MS));
    }
    for (Member m : core.swim.members()) {
      assertThat(m.incarnation()).as(m.toString()).isZero();
      assertThat(m.state()).as(m.toString()).isIn(MemberState.ALIVE, MemberState.SUSPECT);
    }
    assertThat(core.swim.members()).hasSize(7);
    assertThat(core.events).noneMatch(e -> e.type() == MemberEvent.Type.LEFT);
    assertThat(core.count(Counter.REFUTATIONS)).isZero();
    // Suspicions can only come from this node's own failed probes (nobody answers here), never
    // from a garbage accusation.
    assertThat(core.count(Counter.SUSPICIONS_STARTED))
        .isLessThanOrEqualTo(core.count(Counter.PROBES_FAILED));
  }

  private static Claim garbageClaim(SplittableRandom r, List<PublicKey> known) {
    PublicKey subject = r.nextInt(4) == 0 ? randomKey(r) : known.get(r.nextInt(known.size()));
    PublicKey signer = r.nextBoolean() ? randomKey(r) : known.get(r.nextInt(known.size()));
    long inc = r.nextInt(3) == 0 ? r.nextLong(Long.MAX_VALUE) : r.nextInt(3);
    byte[] sig = new byte[64];
    r.nextBytes(sig);
    return switch (r.nextInt(4)) {
      case 0 ->
          new Alive(
              subject, new Endpoint("10.9.9." + r.nextInt(255), 1 + r.nextInt(65535)), inc, sig);
      case 1 -> new Leave(subject, inc, sig);
      case 2 -> new Suspect(subject, inc, signer, sig);
      default -> new Dead(subject, inc, signer, sig);
    };
  }

  private static GossipMessage message(
      SplittableRandom r, List<Claim> claims, List<PublicKey> keys) {
    long seq = r.nextLong();
    PublicKey target = keys.get(r.nextInt(keys.size()));
    return switch (r.nextInt(7)) {
      case 0 -> new Ping(seq, target, claims);
      case 1 -> new Ack(seq, claims);
      case 2 -> new Nack(seq, claims);
      case 3 -> new PingReq(seq, target, new Endpoint("10.9.9.9", 1), claims);
      case 4 -> new PushPullRequest(seq, r.nextBoolean(), claims);
      case 5 -> new PushPullResponse(seq, claims);
      default -> new Gossip(claims);
    };
  }

  private static PublicKey randomKey(SplittableRandom r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return PublicKey.of(b);
  }
}
