package dev.sslplane.fleet.replset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's replica set. Every member has its own view of the others, made only of its heartbeats, so
 * two members can disagree (a member whose TLS is broken sees the others down while they see it down too).
 * Roles are decided here, from those views: a primary that sees no majority steps down, a set without a
 * primary elects, after a delay, the electable member with the newest optime that sees a majority.
 *
 * <p>Longer than most classes on purpose: the views, the election and the step-down change the same member states
 * under one lock, and mongod's answers about them ({@code replSetGetStatus}, {@code replSetStepDown}) must read a
 * consistent picture.
 */
public final class ReplicaSet {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSet.class);
    private static final DateTimeFormatter MONGO_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final String instanceId;
    private final String setName;
    private final Duration heartbeatTimeout;
    private final Clock clock;
    private final ReplicaSetStore store;
    private final ReplicaSetStore.Saved saved;
    private final Map<String, Member> members = new HashMap<>();
    private long term;
    private Instant noPrimarySince;

    public ReplicaSet(String instanceId, String setName, Duration heartbeatTimeout, Clock clock,
                      ReplicaSetStore store) {
        this.instanceId = instanceId;
        this.setName = setName;
        this.heartbeatTimeout = heartbeatTimeout;
        this.clock = clock;
        this.store = store;
        this.saved = store.load();
        this.term = saved.term();
    }

    public String setName() {
        return setName;
    }

    /** Adds a member; a member known from before a fleet restart keeps its id, role and optime. */
    public synchronized void addMember(String name, String hostPort, boolean hidden, boolean wantsPrimary) {
        if (members.containsKey(name)) {
            return;
        }
        ReplicaSetStore.SavedMember known = saved.members().get(name);
        int id = known != null ? known.id()
                : members.values().stream().mapToInt(m -> m.id + 1).max().orElse(0);
        var member = new Member(id, name, hostPort, hidden);
        if (known != null) {
            member.claimsPrimary = known.primary();
            member.optime = new Optime(known.optimeTerm(), known.optimeSeconds(), known.optimeInc());
        } else {
            member.claimsPrimary = wantsPrimary && !hidden;
        }
        members.put(name, member);
        persist();
    }

    /**
     * Removes a member, as {@code replSetReconfig} with a config without it: the others stop expecting its
     * heartbeats, and a majority is counted without it. Used to drop a dead member before its replacement joins.
     */
    public synchronized void removeMember(String name) {
        Member member = members.remove(name);
        if (member == null) {
            return;
        }
        members.values().forEach(m -> m.view.remove(name));
        if (member.primary) {
            noPrimarySince = clock.instant();
        }
        persist();
    }

    /** Like mongod, a restarted member forgets a step-down's freeze: it is electable again once it is up. */
    public synchronized long memberStarted(String name) {
        Member member = members.get(name);
        member.running = true;
        member.upSince = clock.instant();
        member.unelectableUntil = Instant.EPOCH;
        member.view.clear();
        if (member.claimsPrimary && primary().isEmpty()) {
            // the set's first primary, or the one from before a fleet restart: primary once it runs, so that a
            // tick between adding and starting it cannot demote a primary that never ran
            term = Math.max(term, 1);
            member.primary = true;
            member.optime = member.optime.next(term, nowSeconds());
            noPrimarySince = null;
            persist();
        }
        member.claimsPrimary = false;
        return ++member.generation;
    }

    /** A stopped member answers nothing and forgets what it saw; like mongod it comes back as a secondary. */
    public synchronized void memberStopped(String name) {
        Member member = members.get(name);
        member.running = false;
        member.view.clear();
        member.generation++;
        if (member.primary) {
            member.primary = false;
            noPrimarySince = clock.instant();
            persist();
        }
    }

    public synchronized void heartbeatSucceeded(String from, String to, long generation, HeartbeatReply reply) {
        Member member = current(from, generation);
        if (member == null) {
            return;
        }
        Instant now = clock.instant();
        member.view.put(to, new PeerView(now, now, "", reply.state(), reply.optime()));
        if (!member.primary && "PRIMARY".equals(reply.state()) && reply.optime().compareTo(member.optime) > 0) {
            member.optime = reply.optime();
        }
    }

    public synchronized void heartbeatFailed(String from, String to, long generation, String message) {
        Member member = current(from, generation);
        if (member == null) {
            return;
        }
        PeerView before = member.view.get(to);
        member.view.put(to, new PeerView(before == null ? null : before.lastOk(), clock.instant(), message,
                before == null ? null : before.state(), before == null ? Optime.ZERO : before.optime()));
    }

    /** One step of the set's life: the primary writes, checks its majority; a set without primary elects. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Optional<Member> primary = primary();
        if (primary.isPresent()) {
            Member p = primary.get();
            p.optime = p.optime.next(term, nowSeconds());
            if (!p.running || (upFor(p, now).compareTo(heartbeatTimeout) >= 0 && !seesMajority(p, now))) {
                log.info("{}/{}: primary {} steps down: {}", instanceId, setName, p.name, p.running
                        ? "it sees " + healthyCount(p, now) + " of " + members.size() + " members" : "it is down");
                p.primary = false;
                noPrimarySince = now;
                persist();
            }
            return;
        }
        if (noPrimarySince == null) {
            noPrimarySince = now;
        }
        if (Duration.between(noPrimarySince, now).compareTo(heartbeatTimeout.multipliedBy(2)) < 0) {
            return;
        }
        members.values().stream()
                .filter(m -> m.running && !m.hidden && !m.unelectableUntil.isAfter(now) && seesMajority(m, now))
                .max(Comparator.comparing((Member m) -> m.optime).thenComparing(m -> m.name, Comparator.reverseOrder()))
                .ifPresent(m -> elect(m, "election"));
    }

    /** {@code replSetStepDown} on {@code name}: hands over to a healthy, caught-up, electable member. */
    public synchronized String stepDown(String name, int stepDownSecs, int catchUpSecs, boolean force) {
        Member member = members.get(name);
        if (!member.primary) {
            throw new StepDownRefused(10107, "NotMaster", "not primary so can't step down");
        }
        Instant now = clock.instant();
        Optional<Member> successor = members.values().stream()
                .filter(m -> m != member && m.running && !m.hidden && !m.unelectableUntil.isAfter(now))
                .filter(m -> healthy(member, m.name, now)
                        && member.view.get(m.name).optime().lagBehind(member.optime) <= catchUpSecs)
                .max(Comparator.comparing((Member m) -> member.view.get(m.name).optime())
                        .thenComparing(m -> m.name, Comparator.reverseOrder()));
        if (successor.isEmpty() && !force) {
            throw new StepDownRefused(262, "ExceededTimeLimit", "No electable secondaries caught up as of "
                    + MONGO_DATE.format(now) + ". Please use the replSetStepDown command with the argument "
                    + "{force: true} to force node to step down.");
        }
        member.primary = false;
        member.unelectableUntil = now.plusSeconds(stepDownSecs);
        noPrimarySince = now;
        successor.ifPresent(m -> elect(m, "step-down of " + name));
        persist();
        return successor.map(m -> m.name).orElse(null);
    }

    public synchronized List<MemberStatus> statusSeenBy(String name) {
        Member self = members.get(name);
        Instant now = clock.instant();
        var result = new ArrayList<MemberStatus>();
        for (Member m : sortedMembers()) {
            if (m == self) {
                result.add(new MemberStatus(m.id, m.name, m.hostPort, true, stateOf(m), m.optime, true, m.hidden,
                        null, null));
                continue;
            }
            PeerView view = self.view.get(m.name);
            boolean healthy = healthy(self, m.name, now);
            result.add(new MemberStatus(m.id, m.name, m.hostPort, healthy,
                    healthy ? view.state() : "(not reachable/healthy)", healthy ? view.optime() : Optime.ZERO,
                    false, m.hidden, view == null ? null : view.lastAttempt(),
                    view == null ? "" : view.lastMessage()));
        }
        return result;
    }

    public synchronized HelloView helloOf(String name) {
        Member self = members.get(name);
        Instant now = clock.instant();
        List<String> hosts = sortedMembers().stream().filter(m -> !m.hidden).map(m -> m.hostPort).toList();
        String primaryHost = self.primary ? self.hostPort : sortedMembers().stream()
                .filter(m -> healthy(self, m.name, now) && "PRIMARY".equals(self.view.get(m.name).state()))
                .map(m -> m.hostPort).findFirst().orElse(null);
        return new HelloView(setName, self.primary, self.hidden, hosts, primaryHost, self.hostPort, self.optime);
    }

    /** PRIMARY, SECONDARY, or DOWN while the member does not run. */
    public synchronized String replState(String name) {
        Member member = members.get(name);
        return member == null || !member.running ? "DOWN" : stateOf(member);
    }

    public synchronized boolean isPrimary(String name) {
        Member member = members.get(name);
        return member != null && member.primary;
    }

    private void elect(Member winner, String why) {
        term++;
        winner.primary = true;
        winner.optime = winner.optime.next(term, nowSeconds());
        noPrimarySince = null;
        log.info("{}/{}: {} is primary in term {} ({})", instanceId, setName, winner.name, term, why);
        persist();
    }

    private Optional<Member> primary() {
        return members.values().stream().filter(m -> m.primary).findFirst();
    }

    private boolean seesMajority(Member member, Instant now) {
        return healthyCount(member, now) >= members.size() / 2 + 1;
    }

    private long healthyCount(Member member, Instant now) {
        return 1 + members.keySet().stream().filter(n -> !n.equals(member.name) && healthy(member, n, now)).count();
    }

    private boolean healthy(Member from, String to, Instant now) {
        PeerView view = from.view.get(to);
        return view != null && view.lastOk() != null && !view.lastOk().isBefore(now.minus(heartbeatTimeout));
    }

    private static String stateOf(Member member) {
        return member.primary ? "PRIMARY" : "SECONDARY";
    }

    private Duration upFor(Member member, Instant now) {
        return member.upSince == null ? Duration.ZERO : Duration.between(member.upSince, now);
    }

    private Member current(String name, long generation) {
        Member member = members.get(name);
        return member != null && member.running && member.generation == generation ? member : null;
    }

    private List<Member> sortedMembers() {
        return members.values().stream().sorted(Comparator.comparingInt(m -> m.id)).toList();
    }

    private int nowSeconds() {
        return (int) clock.instant().getEpochSecond();
    }

    private void persist() {
        var all = new HashMap<String, ReplicaSetStore.SavedMember>();
        members.values().forEach(m -> all.put(m.name, new ReplicaSetStore.SavedMember(m.id, m.primary || m.claimsPrimary,
                m.optime.term(), m.optime.seconds(), m.optime.inc())));
        store.save(new ReplicaSetStore.Saved(term, all));
    }

    private record PeerView(Instant lastOk, Instant lastAttempt, String lastMessage, String state, Optime optime) {
    }

    private static final class Member {
        final int id;
        final String name;
        final String hostPort;
        final boolean hidden;
        final Map<String, PeerView> view = new HashMap<>();
        boolean primary;
        /** Becomes primary when it starts, unless another member is primary by then. */
        boolean claimsPrimary;
        boolean running;
        Optime optime = Optime.ZERO;
        Instant upSince;
        Instant unelectableUntil = Instant.EPOCH;
        long generation;

        Member(int id, String name, String hostPort, boolean hidden) {
            this.id = id;
            this.name = name;
            this.hostPort = hostPort;
            this.hidden = hidden;
        }
    }
}
