package io.skein.gossip;

import io.skein.crypto.Endpoint;
import io.skein.crypto.PublicKey;
import io.skein.crypto.Signer;
import io.skein.crypto.Verifier;
import io.skein.gossip.GossipStats.Counter;
import io.skein.gossip.msg.Alive;
import io.skein.gossip.msg.Claim;
import io.skein.gossip.msg.Dead;
import io.skein.gossip.msg.Leave;
import io.skein.gossip.msg.Suspect;
import io.skein.gossip.msg.WireLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership state and the rules for claims (memberlist state.go: aliveNode, suspectNode, deadNode,
 * refute), with signatures: every received claim is verified before it has any effect, claims that
 * could change nothing are dropped before spending a verification.
 *
 * <p>The rules that make lying members harmless:
 *
 * <ul>
 *   <li>Alive and leave must be signed by the member itself; suspect and dead by their accuser.
 *   <li>An accusation counts only if it names exactly the incarnation this node knows the accused
 *       signed; a higher one is unverifiable and dropped, so nobody can make the accused jump to an
 *       incarnation it cannot beat (the accused ignores such accusations too).
 *   <li>An accusation never removes a member: it starts this node's own suspicion timer (long with
 *       a single accuser) and an immediate probe of the accused with the accusation attached, so an
 *       alive accused refutes with a higher self-signed incarnation. Only independent accusers
 *       (distinct keys) shorten the timer, so one liar repeating "dead" gets nowhere.
 * </ul>
 */
final class Membership {
  private static final Logger log = LoggerFactory.getLogger(Swim.class);

  /** Undrained events kept at most; older ones are dropped and counted. */
  static final int MAX_PENDING_EVENTS = 65_536;

  /** Called when a received accusation starts a suspicion, to probe the accused soon. */
  interface AccusationListener {
    void accused(long nowNanos, MemberRecord accused);
  }

  /** Called when this node refuted an accusation signed by {@code accuser}, a known member. */
  interface RefutationListener {
    void refuted(MemberRecord accuser, Alive refutation);
  }

  private final GossipConfig config;
  private final Signer signer;
  private final Verifier verifier;
  private final GossipStats stats;
  private final Awareness awareness;
  private final RumorQueue rumors;
  private final MemberTable table;
  private final String me;
  private final MemberRecord self;
  private final Set<MemberRecord> suspects = new LinkedHashSet<>();
  private final ArrayDeque<MemberEvent> events = new ArrayDeque<>();
  private AccusationListener accusationListener = (now, rec) -> {};
  private RefutationListener refutationListener = (accuser, alive) -> {};
  private boolean leaving;

  Membership(
      GossipConfig config,
      Signer signer,
      Verifier verifier,
      Endpoint endpoint,
      MemberTable table,
      RumorQueue rumors,
      Awareness awareness,
      GossipStats stats,
      long nowNanos) {
    this.config = config;
    this.signer = signer;
    this.verifier = verifier;
    this.table = table;
    this.rumors = rumors;
    this.awareness = awareness;
    this.stats = stats;
    this.self = new MemberRecord(Alive.sign(signer, endpoint, 0), nowNanos);
    this.me = self.key.nodeId().shortId();
  }

  void setAccusationListener(AccusationListener listener) {
    this.accusationListener = listener;
  }

  void setRefutationListener(RefutationListener listener) {
    this.refutationListener = listener;
  }

  MemberRecord self() {
    return self;
  }

  String me() {
    return me;
  }

  boolean leaving() {
    return leaving;
  }

  MemberTable table() {
    return table;
  }

  /** N in the formulas: alive and suspect members, this node included unless it left. */
  int liveCount() {
    return table.liveOthers() + (leaving ? 0 : 1);
  }

  /** Applies piggybacked claims in order. */
  void applyClaims(long nowNanos, List<Claim> claims) {
    for (Claim c : claims) {
      apply(nowNanos, c, true);
    }
  }

  /**
   * Merges a push-pull state. Like memberlist's mergeState, members the remote holds as dead or
   * left are not learned as new members; known ones receive the accusations as usual.
   */
  void mergeState(long nowNanos, List<Claim> state) {
    Map<PublicKey, Long> aliveIncarnation = new HashMap<>();
    for (Claim c : state) {
      if (c instanceof Alive) {
        aliveIncarnation.merge(c.subject(), c.incarnation(), Math::max);
      }
    }
    Set<PublicKey> gone = new HashSet<>();
    for (Claim c : state) {
      if ((c instanceof Dead || c instanceof Leave)
          && c.incarnation() >= aliveIncarnation.getOrDefault(c.subject(), -1L)) {
        gone.add(c.subject());
      }
    }
    for (Claim c : state) {
      apply(nowNanos, c, !gone.contains(c.subject()));
    }
  }

  private void apply(long nowNanos, Claim c, boolean mayAdd) {
    stats.inc(Counter.CLAIMS_RECEIVED);
    if (c instanceof Alive a) {
      onAlive(nowNanos, a, mayAdd);
    } else if (c instanceof Leave l) {
      onLeave(nowNanos, l);
    } else {
      onAccusation(nowNanos, c);
    }
  }

  private void onAlive(long nowNanos, Alive a, boolean mayAdd) {
    if (a.member().equals(self.key)) {
      onAliveAboutSelf(nowNanos, a);
      return;
    }
    MemberRecord rec = table.get(a.member());
    if (rec == null) {
      if (!mayAdd) {
        stats.inc(Counter.CLAIMS_IGNORED);
        return;
      }
      if (!verified(a)) {
        return;
      }
      rec = new MemberRecord(a, nowNanos);
      if (!table.add(rec, nowNanos)) {
        stats.inc(Counter.MEMBERS_REJECTED);
        return;
      }
      stats.inc(Counter.MEMBERS_JOINED);
      emit(MemberEvent.Type.JOINED, rec, nowNanos);
      rumors.add(a);
      log.debug("{} learned {}", me, rec);
      return;
    }
    if (a.incarnation() <= rec.incarnation) {
      stats.inc(Counter.CLAIMS_STALE);
      return;
    }
    if (!verified(a)) {
      return;
    }
    MemberState old = rec.state;
    boolean moved = !a.endpoint().equals(rec.endpoint());
    rec.alive = a;
    rec.incarnation = a.incarnation();
    rec.leave = null;
    rec.accusations.clear();
    rumors.add(a);
    if (old == MemberState.SUSPECT) {
      endSuspicion(rec);
      table.setState(rec, MemberState.ALIVE, nowNanos);
      stats.inc(Counter.SUSPICIONS_REFUTED);
      emit(MemberEvent.Type.ALIVE, rec, nowNanos);
      log.info("{} {} refuted its suspicion", me, rec);
    } else if (old == MemberState.DEAD || old == MemberState.LEFT) {
      table.setState(rec, MemberState.ALIVE, nowNanos);
      stats.inc(Counter.MEMBERS_JOINED);
      emit(MemberEvent.Type.JOINED, rec, nowNanos);
      log.info("{} {} rejoined", me, rec);
    } else if (moved) {
      stats.inc(Counter.MEMBERS_UPDATED);
      emit(MemberEvent.Type.UPDATED, rec, nowNanos);
    }
  }

  private void onAliveAboutSelf(long nowNanos, Alive a) {
    if (leaving
        || a.incarnation() < self.incarnation
        || (a.incarnation() == self.incarnation && a.endpoint().equals(self.endpoint()))) {
      stats.inc(Counter.CLAIMS_STALE);
      return;
    }
    if (!verified(a)) {
      return;
    }
    // Signed by our own key at an incarnation we do not hold: a previous run of this node.
    log.info("{} refuting {} from an earlier run", me, a);
    refute(a.incarnation());
  }

  private void onLeave(long nowNanos, Leave l) {
    if (l.member().equals(self.key)) {
      if (leaving || l.incarnation() < self.incarnation) {
        stats.inc(Counter.CLAIMS_STALE);
        return;
      }
      if (verified(l)) {
        log.info("{} refuting {} from an earlier run", me, l);
        refute(l.incarnation());
      }
      return;
    }
    MemberRecord rec = table.get(l.member());
    if (rec == null) {
      stats.inc(Counter.CLAIMS_IGNORED);
      return;
    }
    // A leave outranks our own inference of death at the same incarnation: DEAD may become LEFT.
    if (l.incarnation() < rec.incarnation
        || (l.incarnation() == rec.incarnation && rec.state == MemberState.LEFT)) {
      stats.inc(Counter.CLAIMS_STALE);
      return;
    }
    if (!verified(l)) {
      return;
    }
    endSuspicion(rec);
    rec.leave = l;
    rec.incarnation = l.incarnation();
    rec.accusations.clear();
    table.setState(rec, MemberState.LEFT, nowNanos);
    stats.inc(Counter.MEMBERS_LEFT);
    emit(MemberEvent.Type.LEFT, rec, nowNanos);
    rumors.add(l);
    log.info("{} {} left", me, rec);
  }

  private void onAccusation(long nowNanos, Claim c) {
    long inc = c.incarnation();
    if (c.subject().equals(self.key)) {
      if (leaving || inc < self.incarnation) {
        stats.inc(Counter.CLAIMS_STALE);
      } else if (inc > self.incarnation) {
        // We never signed that incarnation: refuting it would let a liar push us to any number.
        stats.inc(Counter.CLAIMS_UNVERIFIABLE);
      } else if (verified(c)) {
        log.info("{} refuting {}", me, c);
        refute(inc);
        // The accuser's timer started first and ends first: tell it directly, not by gossip.
        MemberRecord accuser = table.get(c.signer());
        if (accuser != null && accuser.isLive()) {
          refutationListener.refuted(accuser, self.alive);
        }
      }
      return;
    }
    MemberRecord rec = table.get(c.subject());
    if (rec == null || rec.state == MemberState.LEFT) {
      stats.inc(Counter.CLAIMS_IGNORED);
      return;
    }
    if (inc < rec.incarnation) {
      stats.inc(Counter.CLAIMS_STALE);
      return;
    }
    if (inc > rec.incarnation) {
      stats.inc(Counter.CLAIMS_UNVERIFIABLE);
      return;
    }
    Claim known = rec.accusations.get(c.signer());
    boolean wanted;
    if (known != null) {
      wanted = c.type().precedence() > known.type().precedence();
    } else if (rec.state == MemberState.SUSPECT) {
      wanted = rec.suspicion.wantsConfirmations();
    } else if (rec.state == MemberState.DEAD) {
      wanted = rec.accusations.size() < accusationCap();
    } else {
      wanted = true;
    }
    if (!wanted) {
      stats.inc(Counter.CLAIMS_STALE);
      return;
    }
    if (verified(c)) {
      accuse(nowNanos, rec, c);
    }
  }

  /** Applies a verified (or our own) accusation at the record's current incarnation. */
  private void accuse(long nowNanos, MemberRecord rec, Claim c) {
    PublicKey accuser = c.signer();
    switch (rec.state) {
      case ALIVE -> {
        startSuspicion(nowNanos, rec, c);
        rumors.add(c);
        if (!accuser.equals(self.key)) {
          accusationListener.accused(nowNanos, rec);
        }
      }
      case SUSPECT -> {
        if (rec.accusations.containsKey(accuser)) {
          rec.accusations.put(accuser, c); // the same accuser, now saying dead
        } else if (rec.suspicion.confirm()) {
          rec.accusations.put(accuser, c);
          stats.inc(Counter.SUSPICION_CONFIRMATIONS);
          rumors.add(c);
          log.debug("{} {} confirmed by {}", me, rec, accuser.nodeId().shortId());
        }
      }
      case DEAD -> {
        if (rec.accusations.containsKey(accuser) || rec.accusations.size() < accusationCap()) {
          rec.accusations.put(accuser, c);
        }
      }
      case LEFT -> {}
    }
  }

  /** Accusations kept per member: the first accuser, k confirmations, and this node's own. */
  private int accusationCap() {
    return config.suspicionConfirmations + 2;
  }

  private void startSuspicion(long nowNanos, MemberRecord rec, Claim first) {
    int n = liveCount();
    Suspicion s =
        new Suspicion(
            nowNanos,
            config.suspicionConfirmationsNeeded(n),
            config.suspicionMinTimeoutNanos(n),
            config.suspicionMaxTimeoutNanos(n));
    rec.suspicion = s;
    suspects.add(rec);
    rec.accusations.clear();
    rec.accusations.put(first.signer(), first);
    table.setState(rec, MemberState.SUSPECT, nowNanos);
    stats.inc(Counter.SUSPICIONS_STARTED);
    emit(MemberEvent.Type.SUSPECT, rec, nowNanos);
    log.info(
        "{} suspects {} (accused by {}; dead in {} ms unless confirmed sooner or refuted)",
        me,
        rec,
        first.signer().nodeId().shortId(),
        s.timeoutNanos(0) / 1_000_000);
  }

  private void endSuspicion(MemberRecord rec) {
    if (rec.suspicion != null) {
      rec.suspicion = null;
      suspects.remove(rec);
    }
  }

  /** Our probe of {@code rec} failed: accuse it ourselves (a suspicion, or a confirmation). */
  void onProbeFailed(long nowNanos, MemberRecord rec) {
    if (leaving || !rec.isLive() || rec.accusations.containsKey(self.key)) {
      return;
    }
    if (rec.state == MemberState.SUSPECT && !rec.suspicion.wantsConfirmations()) {
      return;
    }
    accuse(nowNanos, rec, Suspect.sign(signer, rec.key, rec.incarnation));
  }

  /** Declares dead every suspect whose timer ran out. */
  void tickSuspicions(long nowNanos) {
    if (suspects.isEmpty()) {
      return;
    }
    List<MemberRecord> expired = new ArrayList<>();
    for (MemberRecord rec : suspects) {
      if (nowNanos >= rec.suspicion.deadlineNanos()) {
        expired.add(rec);
      }
    }
    for (MemberRecord rec : expired) {
      declareDead(nowNanos, rec);
    }
  }

  private void declareDead(long nowNanos, MemberRecord rec) {
    Suspicion s = rec.suspicion;
    endSuspicion(rec);
    Dead d = Dead.sign(signer, rec.key, rec.incarnation);
    rec.accusations.put(self.key, d);
    table.setState(rec, MemberState.DEAD, nowNanos);
    stats.inc(Counter.DEATHS_DECLARED);
    if (s.confirmations() < s.k) {
      stats.inc(Counter.DEATHS_UNCONFIRMED);
    }
    emit(MemberEvent.Type.DEAD, rec, nowNanos);
    rumors.add(d);
    log.info(
        "{} declares {} dead after {} ms, {} of {} confirmations",
        me,
        rec,
        (nowNanos - s.startNanos) / 1_000_000,
        s.confirmations(),
        s.k);
  }

  long nextSuspicionDeadline() {
    long next = Long.MAX_VALUE;
    for (MemberRecord rec : suspects) {
      next = Math.min(next, rec.suspicion.deadlineNanos());
    }
    return next;
  }

  /**
   * Refutes an accusation, or a claim of an earlier run, about this node: signs an alive claim at
   * an incarnation above {@code beat} (memberlist refute) and lowers local health, since being
   * accused hints that this node is slow.
   */
  private void refute(long beat) {
    if (beat == Long.MAX_VALUE || self.incarnation == Long.MAX_VALUE) {
      log.error("{} cannot refute incarnation {}: no higher incarnation exists", me, beat);
      return;
    }
    long inc = Math.max(self.incarnation + 1, beat + 1);
    self.alive = Alive.sign(signer, self.endpoint(), inc);
    self.incarnation = inc;
    rumors.add(self.alive);
    awareness.applyDelta(1);
    stats.inc(Counter.REFUTATIONS);
  }

  /** Signs this node's leave and queues it; from now on accusations go unanswered. */
  Leave leave(long nowNanos) {
    leaving = true;
    Leave l = Leave.sign(signer, self.incarnation);
    self.leave = l;
    self.state = MemberState.LEFT;
    self.stateChangeNanos = nowNanos;
    rumors.add(l);
    log.info("{} leaving at incarnation {}", me, self.incarnation);
    return l;
  }

  /** Claims about {@code rec} to attach to a ping of it (Lifeguard buddy system). */
  List<Claim> accusationsAbout(MemberRecord rec, int max) {
    if (rec.state != MemberState.SUSPECT || max <= 0) {
      return new ArrayList<>(max);
    }
    List<Claim> out = new ArrayList<>(max);
    for (Claim c : rec.accusations.values()) {
      if (out.size() >= max) {
        break;
      }
      out.add(c);
    }
    return out;
  }

  /**
   * The full state for push-pull: per member its alive claim, then its leave or the accusations
   * against it. Members dead or left for longer than {@code gossipToTheDead} are left out.
   */
  List<Claim> stateClaims(long nowNanos) {
    List<Claim> out = new ArrayList<>(1 + 2 * table.all().size());
    out.add(self.alive);
    if (self.leave != null) {
      out.add(self.leave);
    }
    long gossipToTheDead = config.gossipToTheDeadMillis * 1_000_000L;
    for (MemberRecord rec : table.all()) {
      if (!rec.isLive() && nowNanos - rec.stateChangeNanos > gossipToTheDead) {
        continue;
      }
      int need = 1 + (rec.leave != null ? 1 : rec.accusations.size());
      if (out.size() + need > WireLimits.MAX_STATE_CLAIMS) {
        break;
      }
      out.add(rec.alive);
      if (rec.state == MemberState.LEFT && rec.leave != null) {
        out.add(rec.leave);
      } else {
        out.addAll(rec.accusations.values());
      }
    }
    return out;
  }

  List<Member> snapshot() {
    List<Member> out = new ArrayList<>(1 + table.all().size());
    out.add(self.snapshot());
    for (MemberRecord rec : table.all()) {
      out.add(rec.snapshot());
    }
    return out;
  }

  List<MemberEvent> drainEvents() {
    List<MemberEvent> out = new ArrayList<>(events);
    events.clear();
    return out;
  }

  private void emit(MemberEvent.Type type, MemberRecord rec, long nowNanos) {
    if (events.size() >= MAX_PENDING_EVENTS) {
      events.pollFirst();
      stats.inc(Counter.EVENTS_DROPPED);
    }
    events.addLast(new MemberEvent(type, rec.snapshot(), nowNanos));
  }

  private boolean verified(Claim c) {
    stats.inc(Counter.CLAIMS_VERIFIED);
    if (c.verify(verifier)) {
      return true;
    }
    stats.inc(Counter.CLAIMS_FORGED);
    log.debug("{} dropped {} with a bad signature", me, c);
    return false;
  }
}
