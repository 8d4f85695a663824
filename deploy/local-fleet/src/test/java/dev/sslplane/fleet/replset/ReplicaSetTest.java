package dev.sslplane.fleet.replset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.testsupport.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set's decisions from its members' views, with heartbeats fed by hand and a clock under control. */
class ReplicaSetTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private ReplicaSet set(String... hidden) {
        var set = new ReplicaSet("i", "rs", TIMEOUT, clock, new ReplicaSetStore(dir.resolve("rs.json"), new ObjectMapper()));
        set.addMember("a", "h:1", false, true);
        set.addMember("b", "h:2", List.of(hidden).contains("b"), false);
        set.addMember("c", "h:3", List.of(hidden).contains("c"), false);
        return set;
    }

    private static long[] startAll(ReplicaSet set) {
        return new long[] {set.memberStarted("a"), set.memberStarted("b"), set.memberStarted("c")};
    }

    /** Every listed member reaches every other listed member once; primary answers as primary. */
    private void heartbeats(ReplicaSet set, long[] generations, String... up) {
        List<String> names = List.of("a", "b", "c");
        for (String from : up) {
            for (String to : up) {
                if (!from.equals(to)) {
                    String state = set.isPrimary(to) ? "PRIMARY" : "SECONDARY";
                    Optime optime = set.statusSeenBy(to).stream().filter(MemberStatus::self).findFirst().orElseThrow().optime();
                    set.heartbeatSucceeded(from, to, generations[names.indexOf(from)], new HeartbeatReply(state, optime));
                }
            }
        }
    }

    @Test
    void stepDownHandsOverToACaughtUpHealthyMember() {
        ReplicaSet set = set();
        long[] gens = startAll(set);
        clock.advance(Duration.ofSeconds(1));
        set.tick();
        heartbeats(set, gens, "a", "b", "c");
        // the second round carries the optimes the secondaries copied from the primary in the first
        heartbeats(set, gens, "a", "b", "c");
        String successor = set.stepDown("a", 60, 10, false);
        assertThat(successor).isEqualTo("b");
        assertThat(set.isPrimary("a")).isFalse();
        assertThat(set.isPrimary("b")).isTrue();
        assertThatThrownBy(() -> set.stepDown("a", 60, 10, false)).isInstanceOf(StepDownRefused.class)
                .satisfies(e -> assertThat(((StepDownRefused) e).code()).isEqualTo(10107));
    }

    @Test
    void aDeadMemberRemovedFromTheSetNoLongerCountsAndAReplacementJoins() {
        ReplicaSet set = set();
        long[] gens = startAll(set);
        clock.advance(Duration.ofSeconds(1));
        set.tick();
        set.memberStopped("c");
        heartbeats(set, gens, "a", "b");
        assertThat(set.statusSeenBy("a")).extracting(MemberStatus::hostPort).contains("h:3");

        set.removeMember("c");
        set.addMember("d", "h:4", false, false);
        long d = set.memberStarted("d");
        heartbeats(set, new long[] {gens[0], gens[1], d}, "a", "b");
        assertThat(set.statusSeenBy("a")).extracting(MemberStatus::hostPort).containsExactly("h:1", "h:2", "h:4")
                .doesNotContain("h:3");
        assertThat(set.isPrimary("a")).isTrue();
    }

    @Test
    void aSteppedDownMemberIsElectableAgainOnceItRestarts() {
        ReplicaSet set = set("c");
        long[] gens = startAll(set);
        heartbeats(set, gens, "a", "b", "c");
        heartbeats(set, gens, "a", "b", "c");
        assertThat(set.stepDown("a", 60, 10, false)).isEqualTo("b");
        heartbeats(set, gens, "a", "b", "c");
        assertThatThrownBy(() -> set.stepDown("b", 60, 10, false)).as("a is frozen for 60 s")
                .isInstanceOf(StepDownRefused.class);
        set.memberStopped("a");
        gens[0] = set.memberStarted("a");
        heartbeats(set, gens, "a", "b", "c");
        heartbeats(set, gens, "a", "b", "c");
        assertThat(set.stepDown("b", 60, 10, false)).isEqualTo("a");
    }

    @Test
    void stepDownWithoutElectableMemberFailsWith262() {
        ReplicaSet set = set("b", "c");
        long[] gens = startAll(set);
        heartbeats(set, gens, "a", "b", "c");
        assertThatThrownBy(() -> set.stepDown("a", 60, 10, false)).isInstanceOf(StepDownRefused.class)
                .hasMessageStartingWith("No electable secondaries caught up as of")
                .satisfies(e -> assertThat(((StepDownRefused) e).code()).isEqualTo(262));
        assertThat(set.isPrimary("a")).isTrue();
    }

    @Test
    void aLaggingMemberIsNotCaughtUp() {
        ReplicaSet set = set("c");
        long[] gens = startAll(set);
        heartbeats(set, gens, "a", "b", "c");
        clock.advance(Duration.ofSeconds(30));
        set.tick();
        // a still sees b healthy (fresh heartbeat) but b's optime is 30 s old
        set.heartbeatSucceeded("a", "b", gens[0], new HeartbeatReply("SECONDARY", Optime.ZERO.next(1, 1)));
        assertThatThrownBy(() -> set.stepDown("a", 60, 10, false)).isInstanceOf(StepDownRefused.class);
    }

    @Test
    void aPrimaryThatSeesNoMajorityStepsDownAndTheMajorityElects() {
        ReplicaSet set = set();
        long[] gens = startAll(set);
        heartbeats(set, gens, "a", "b", "c");
        set.tick();
        assertThat(set.isPrimary("a")).isTrue();
        set.memberStopped("b");
        set.memberStopped("c");
        clock.advance(TIMEOUT.plusSeconds(1));
        set.tick();
        assertThat(set.isPrimary("a")).isFalse();
        assertThat(set.replState("a")).isEqualTo("SECONDARY");
        // nobody sees a majority: no election however long it takes
        clock.advance(TIMEOUT.multipliedBy(5));
        set.tick();
        assertThat(set.statusSeenBy("a")).noneMatch(m -> "PRIMARY".equals(m.stateStr()));
        long b = set.memberStarted("b");
        gens[1] = b;
        heartbeats(set, gens, "a", "b");
        set.tick();
        assertThat(set.isPrimary("a") || set.isPrimary("b")).isTrue();
    }

    @Test
    void aStoppedPrimaryIsReplacedAfterTheElectionDelay() {
        ReplicaSet set = set();
        long[] gens = startAll(set);
        heartbeats(set, gens, "a", "b", "c");
        set.memberStopped("a");
        heartbeats(set, gens, "b", "c");
        set.tick();
        assertThat(set.isPrimary("b") || set.isPrimary("c")).as("no election before the delay").isFalse();
        clock.advance(TIMEOUT.multipliedBy(2));
        heartbeats(set, gens, "b", "c");
        set.tick();
        assertThat(set.isPrimary("b")).as("same optime: the first name wins").isTrue();
        assertThat(set.statusSeenBy("b")).filteredOn(m -> m.name().equals("a")).singleElement()
                .satisfies(m -> assertThat(m.stateStr()).isEqualTo("(not reachable/healthy)"));
    }

    @Test
    void rolesSurviveARestartOfTheFleet() {
        ReplicaSet set = set();
        long[] gens = startAll(set);
        heartbeats(set, gens, "a", "b", "c");
        heartbeats(set, gens, "a", "b", "c");
        set.stepDown("a", 60, 10, false);
        ReplicaSet again = set();
        startAll(again);
        assertThat(again.isPrimary("b")).isTrue();
        assertThat(again.isPrimary("a")).isFalse();
    }

    @Test
    void theFirstPrimaryIsPrimaryAsSoonAsItRunsWhateverTicksCameBefore() {
        ReplicaSet set = set();
        set.tick();
        clock.advance(TIMEOUT.multipliedBy(3));
        set.tick();
        assertThat(set.isPrimary("a")).as("not before it runs").isFalse();
        startAll(set);
        assertThat(set.isPrimary("a")).isTrue();
        assertThat(set.replState("a")).isEqualTo("PRIMARY");
    }

    @Test
    void aFailedHeartbeatKeepsItsReason() {
        ReplicaSet set = set();
        long[] gens = startAll(set);
        set.heartbeatFailed("a", "b", gens[0], "TLS_HANDSHAKE: PKIX path building failed");
        assertThat(set.statusSeenBy("a")).filteredOn(m -> m.name().equals("b")).singleElement()
                .satisfies(m -> {
                    assertThat(m.health()).isFalse();
                    assertThat(m.lastHeartbeatMessage()).contains("PKIX");
                });
    }
}
