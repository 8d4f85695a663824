package dev.sslplane.commandservice.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdleCpuPriorityTest {

    private static final String SCHED_IDLE = "5";

    @Test
    void movesOnlyTheCallingThreadToTheIdleClass() throws Exception {
        assumeThat(IdleCpuPriority.currentThreadId()).as("Linux /proc").isPresent();
        String callerTid = IdleCpuPriority.currentThreadId().orElseThrow();
        var lowered = new AtomicBoolean();
        var loweredPriority = new AtomicReference<String>();

        Thread background = new Thread(() -> {
            lowered.set(IdleCpuPriority.lowerCurrentThread());
            loweredPriority.set(priority(IdleCpuPriority.currentThreadId().orElseThrow()));
        });
        background.start();
        background.join();

        assumeThat(lowered.get()).as("chrt or renice installed").isTrue();
        assertThat(loweredPriority.get()).isIn("policy " + SCHED_IDLE, "nice 19");
        assertThat(priority(callerTid)).isEqualTo("normal");
    }

    /** From {@code /proc/self/task/<tid>/stat}: field 19 is the nice value, field 41 the scheduling policy. */
    private static String priority(String tid) {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/task", tid, "stat"))
                    .replaceFirst("^.*\\) ", "").split(" "); // fields[0] is field 3 (after pid and comm)
            String policy = fields[41 - 3];
            String nice = fields[19 - 3];
            return !policy.equals("0") ? "policy " + policy : nice.equals("0") ? "normal" : "nice " + nice;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
