package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.nodeclient.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The supervisor on real child processes, without the stack: a killed child comes back on its port after its
 * readiness check, a child that keeps failing is given up on, and nothing is restarted while the stack stops.
 */
@Isolated("timing-sensitive child processes: not beside a stack start (see the POM)")
class SupervisorIT {

    /** The standard rules with short delays: five failures within a minute still give up. */
    private static final RestartPolicy.Limits FAST = new RestartPolicy.Limits(Duration.ofMillis(50),
            Duration.ofMillis(400), 5, Duration.ofMinutes(1));

    @TempDir
    Path data;

    private final List<String> said = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stopEverything() {
        if (supervisor != null) {
            supervisor.stopAll(Duration.ofSeconds(10), name -> { });
        }
    }

    @Test
    void aChildKilledWithSigkillIsStartedAgainOnItsPortAndCheckedAsAtStart() throws Exception {
        supervisor = supervisor(RestartPolicy.Limits.STANDARD);
        int port = FreePorts.next();
        Path log = data.resolve("logs/mongo.log");
        long firstPid = supervisor.start(new Launch("mongo", log,
                (name, file) -> ChildProcess.startJava(name, List.of("-Xmx128m", "-cp", ModuleClasspath.get()),
                        List.of(DurableMongoServer.class.getName(), String.valueOf(port),
                                data.resolve("mongo/db.mv").toString()), Map.of(), file),
                process -> Health.awaitTcp(process, "127.0.0.1", port, Duration.ofMinutes(1)))).pid();
        assertThat(pidFile("mongo")).isEqualTo(firstPid);

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

        ChildStatus restarted = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> child("mongo"), c -> c.state() == ChildState.RUNNING && c.restarts() == 1);
        assertThat(restarted.pid()).isNotEqualTo(firstPid).isEqualTo(pidFile("mongo"));
        assertThat(ProcessHandle.of(restarted.pid()).map(ProcessHandle::isAlive)).contains(true);
        try (var socket = new Socket("127.0.0.1", port)) {
            assertThat(socket.isConnected()).as("serving on the same port").isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> said.size() >= 2);
        assertThat(said).containsExactly(
                "⚠ mongo exited unexpectedly (exit code 137, signal 9); restart 1 in 1.0 s. Its log: " + log,
                "✓ mongo is running again (restart 1, pid " + restarted.pid() + ")");
        // the status command, another process's view of the same file, sees the launcher (this JVM) running
        var out = new ByteArrayOutputStream();
        int code = new StatusCommand(StatusFile.in(data), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        assertThat(code).isEqualTo(StatusCommand.RUNNING);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("mongo +running +" + restarted.pid() + " +\\d+s +1 +" + log);
    }

    @Test
    void aChildThatExitsAtOnceIsGivenUpOnAfterFiveFailuresWithinAMinute() throws Exception {
        supervisor = supervisor(FAST);
        Path log = data.resolve("logs/flaky.log");
        supervisor.start(new Launch("flaky", log,
                (name, file) -> ChildProcess.start(name, List.of("sh", "-c", "echo flaky starts; exit 1"), Map.of(),
                        file),
                // ready, and already gone by the time the supervisor starts to watch it: the order of the lines
                // must not depend on which thread sees the exit first
                process -> process.onExit().join()));

        ChildStatus givenUp = supervisor.givenUp().get(30, TimeUnit.SECONDS);

        assertThat(givenUp.name()).isEqualTo("flaky");
        assertThat(givenUp.state()).isEqualTo(ChildState.GIVEN_UP);
        assertThat(givenUp.restarts()).as("started once, restarted four times").isEqualTo(4);
        assertThat(said).filteredOn(line -> line.startsWith("⚠")).hasSize(4).last().asString()
                .startsWith("⚠ flaky exited unexpectedly (exit code 1); restart 4 in ");
        assertThat(said).last().isEqualTo("✗ flaky exited unexpectedly (exit code 1): 5 failures within 60 s,"
                + " giving up on flaky. Its log: " + log);
        assertThat(StatusFile.in(data).read().orElseThrow().children()).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(ChildState.GIVEN_UP));
        // the same command line each time, into the same log
        assertThat(Files.readAllLines(log)).containsExactly(java.util.Collections.nCopies(5, "flaky starts")
                .toArray(String[]::new));
    }

    @Test
    void aRestartThatDoesNotBecomeReadyIsAFailureAndItsProcessIsStopped() throws Exception {
        supervisor = supervisor(FAST);
        var started = new AtomicInteger();
        List<Long> pids = new CopyOnWriteArrayList<>();
        long firstPid = supervisor.start(new Launch("stuck", data.resolve("logs/stuck.log"),
                (name, file) -> ChildProcess.start(name, List.of("sleep", "600"), Map.of(), file),
                process -> {
                    pids.add(process.pid());
                    if (started.incrementAndGet() > 1) {
                        throw new StackException("stuck was not healthy within 0 s");
                    }
                })).pid();

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

        assertThat(supervisor.givenUp().get(30, TimeUnit.SECONDS).restarts()).isEqualTo(4);
        assertThat(said).filteredOn(line -> line.contains("did not become ready again (stuck was not healthy"))
                .hasSize(4);
        assertThat(pids).hasSize(5).allSatisfy(pid -> await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)));
    }

    @Test
    void childrenThatExitWhileTheStackStopsAreNotRestarted() throws Exception {
        supervisor = supervisor(FAST);
        List<String> stopped = new CopyOnWriteArrayList<>();
        for (String name : List.of("first", "second")) {
            supervisor.start(new Launch(name, data.resolve("logs/" + name + ".log"),
                    (n, file) -> ChildProcess.start(n, List.of("sleep", "600"), Map.of(), file), process -> { }));
        }

        supervisor.stopAll(Duration.ofSeconds(10), stopped::add);

        assertThat(stopped).as("reverse start order").containsExactly("second", "first");
        assertThat(supervisor.statuses()).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(ChildState.STOPPED);
            assertThat(c.restarts()).isZero();
        });
        assertThat(said).isEmpty();
        assertThat(StatusFile.in(data).read().orElseThrow().children()).extracting(ChildStatus::state)
                .containsOnly(ChildState.STOPPED);
    }

    private Supervisor supervisor(RestartPolicy.Limits limits) {
        return new Supervisor(limits, Clock.systemUTC(), said::add,
                new StatusPublisher(data, Clock.systemUTC(), said::add));
    }

    private ChildStatus child(String name) throws Exception {
        return StatusFile.in(data).read().orElseThrow().children().stream().filter(c -> c.name().equals(name))
                .findFirst().orElseThrow();
    }

    private long pidFile(String name) throws Exception {
        return Long.parseLong(Files.readString(data.resolve("pids/" + name + ".pid")).trim());
    }
}
