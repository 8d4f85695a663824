package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status file the launcher keeps and {@code run-local.sh status} reads, and how that tells a dead launcher. */
class StatusFileTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @TempDir
    Path data;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void whatIsWrittenIsReadBackAndNoTemporaryFileIsLeft() throws Exception {
        var file = StatusFile.in(data);
        var status = new StackStatus(4242, NOW.minusSeconds(90), NOW, children());
        file.write(status);
        file.write(status);

        assertThat(file.read()).contains(status);
        try (var files = Files.list(data)) {
            assertThat(files).containsExactly(data.resolve("status.json"));
        }
    }

    @Test
    void noFileMeansNoStackWasEverStartedHere() throws Exception {
        assertThat(StatusFile.in(data).read()).isEmpty();

        assertThat(status()).isEqualTo(StatusCommand.NEVER_STARTED);
        assertThat(output()).contains("No local stack is running").contains("status.json");
    }

    @Test
    void thisProcessAsTheLauncherIsRunning() throws Exception {
        var status = StackStatus.ofThisProcess(NOW, children());
        StatusFile.in(data).write(status);

        assertThat(status.launcherRunning()).isTrue();
        assertThat(status()).isEqualTo(StatusCommand.RUNNING);
        assertThat(output()).contains("Local stack running: launcher pid " + ProcessHandle.current().pid())
                .containsPattern("command-service +running +101 +1m0s +0 +/logs/command-service.log")
                .containsPattern("restart-worker +restarting +- +- +2 +/logs/restart-worker.log")
                .containsPattern("restart-worker-2 +given up +- +- +4 +/logs/restart-worker-2.log");
    }

    @Test
    void aFileLeftByALauncherThatIsGoneIsStale() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // a child of a launcher killed with kill -9 runs on: this JVM plays it
        long self = ProcessHandle.current().pid();
        var left = new ChildStatus("kafka", ChildState.RUNNING, self, NOW, 0, Path.of("/logs/kafka.log"));
        StatusFile.in(data).write(new StackStatus(gone.pid(), NOW.minusSeconds(5), NOW, List.of(left)));

        assertThat(StatusFile.in(data).read().orElseThrow().launcherRunning()).isFalse();
        assertThat(status()).isEqualTo(StatusCommand.LAUNCHER_GONE);
        assertThat(output()).contains("No local stack is running: its launcher (pid " + gone.pid() + ") is gone")
                .contains("Its last status, from " + NOW)
                .containsPattern("kafka +running +" + self + " +- +0 +/logs/kafka.log")
                .contains("still run (children left by a killed launcher?): kafka (pid " + self + ")")
                .contains("Stop them with: kill " + self);
    }

    @Test
    void aPidNowUsedByAnotherProcessIsNotTheLauncher() throws Exception {
        // this JVM is alive, but it did not start a day before it was started
        Instant otherStart = ProcessHandle.current().info().startInstant().orElseThrow().minus(Duration.ofDays(1));
        var status = new StackStatus(ProcessHandle.current().pid(), otherStart, NOW, children());

        assertThat(status.launcherRunning()).isFalse();
    }

    private int status() throws Exception {
        return new StatusCommand(StatusFile.in(data), Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(output, true, StandardCharsets.UTF_8)).run();
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static List<ChildStatus> children() {
        Instant since = NOW.minus(1, ChronoUnit.MINUTES);
        return List.of(
                new ChildStatus("command-service", ChildState.RUNNING, 101, since, 0,
                        Path.of("/logs/command-service.log")),
                new ChildStatus("restart-worker", ChildState.RESTARTING, 0, since, 2,
                        Path.of("/logs/restart-worker.log")),
                new ChildStatus("restart-worker-2", ChildState.GIVEN_UP, 0, since, 4,
                        Path.of("/logs/restart-worker-2.log")));
    }
}
