package io.skein.gossip;

import io.skein.crypto.Ed25519;
import io.skein.crypto.Endpoint;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Gossip;
import io.skein.gossip.msg.GossipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One {@link Swim} core driven by hand: the test plays every other member by injecting messages
 * signed with real Ed25519 keys, and reads what the core sends.
 */
final class OneCore {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;

  /** A member played by the test: a key and an endpoint. */
  record Peer(KeyPair keys, Endpoint endpoint) {
    PublicKey key() {
      return keys.publicKey();
    }

    Alive alive(long incarnation) {
      return Alive.sign(keys, endpoint, incarnation);
    }
  }

  /** A message the core handed out, and when. */
  record Out(long nanos, Outbound outbound) {
    GossipMessage message() {
      return outbound.message();
    }
  }

  private final SplittableRandom random;
  private int peers;
  final KeyPair keys;
  final Endpoint endpoint = new Endpoint("10.1.0.1", 7946);
  final Swim swim;
  long now = 5 * SECOND;
  final List<Out> sent = new ArrayList<>();
  final List<MemberEvent> events = new ArrayList<>();

  OneCore(GossipConfig config, long seed) {
    this.random = new SplittableRandom(seed);
    this.keys = newKeys();
    this.swim =
        new Swim(config, keys, Ed25519.VERIFIER, endpoint, new SplittableRandom(seed + 1), now);
    collect();
  }

  KeyPair newKeys() {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return KeyPair.fromSeed(seed);
  }

  Peer newPeer() {
    peers++;
    return new Peer(
        newKeys(), new Endpoint("10.1." + (peers / 250) + "." + (peers % 250 + 2), 7946));
  }

  /** Creates {@code count} peers and makes them known to the core as alive at incarnation 0. */
  List<Peer> knownPeers(int count) {
    List<Peer> out = new ArrayList<>();
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Peer p = newPeer();
      out.add(p);
      claims.add(p.alive(0));
    }
    for (int i = 0; i < claims.size(); i += 8) {
      receive(out.get(0), new Gossip(claims.subList(i, Math.min(claims.size(), i + 8))));
    }
    return out;
  }

  void receive(Peer from, GossipMessage m) {
    swim.onMessage(now, from.endpoint(), from.key(), m);
    collect();
  }

  void receiveClaims(Peer from, Claim... claims) {
    receive(from, new Gossip(List.of(claims)));
  }

  /** Runs the core's timers up to {@code now + nanos}, ticking at each deadline. */
  void advance(long nanos) {
    long end = now + nanos;
    while (true) {
      long d = swim.nextDeadlineNanos();
      if (d > end) {
        break;
      }
      now = Math.max(now, d);
      swim.onTick(now);
      collect();
    }
    now = end;
  }

  void collect() {
    for (Outbound o : swim.drainOutbox()) {
      sent.add(new Out(now, o));
    }
    events.addAll(swim.drainEvents());
  }

  MemberState stateOf(Peer p) {
    return swim.member(p.key()).map(Member::state).orElse(null);
  }

  long count(GossipStats.Counter c) {
    return swim.stats().get(c);
  }

  List<MemberEvent.Type> eventsAbout(Peer p) {
    List<MemberEvent.Type> out = new ArrayList<>();
    for (MemberEvent e : events) {
      if (e.member().key().equals(p.key())) {
        out.add(e.type());
      }
    }
    return out;
  }

  /** Every claim the core has sent so far, in order, one entry per transmission. */
  List<Claim> claimsSent() {
    List<Claim> out = new ArrayList<>();
    for (Out o : sent) {
      out.addAll(o.message().claims());
    }
    return out;
  }

  Signer signer() {
    return keys;
  }
}
