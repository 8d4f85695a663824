package dev.sslplane.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Restart slots are given back however the work in them ends, and a cancelled waiter never takes one. */
class RestartSlotsTest {

    private final RestartSlots slots = new RestartSlots(2);

    @Test
    void aThirdJobWaitsUntilASlotIsGivenBackAndThenRuns() {
        var first = Sinks.<String>one();
        var second = Sinks.<String>one();
        var thirdStarted = new AtomicBoolean();
        var firstRun = slots.during(first.asMono()).subscribe();
        var secondFailure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        slots.during(second.asMono()).subscribe(v -> { }, secondFailure::set);
        slots.during(Mono.fromRunnable(() -> thirdStarted.set(true))).subscribe();
        assertThat(thirdStarted).isFalse();
        assertThat(slots.free()).isZero();

        first.tryEmitValue("done");
        assertThat(thirdStarted).as("took the freed slot").isTrue();
        assertThat(firstRun.isDisposed()).isTrue();
        assertThat(slots.free()).as("the third gave its slot back at once").isEqualTo(1);
        second.tryEmitError(new IllegalStateException("node failed"));
        assertThat(slots.free()).as("a failure gives the slot back").isEqualTo(2);
        assertThat(secondFailure.get()).hasMessage("node failed");
    }

    @Test
    void cancellingAJobGivesItsSlotBackAndAWaiterThatWasCancelledTakesNone() {
        var holder = slots.during(Mono.never()).subscribe();
        slots.during(Mono.never()).subscribe();
        var waiterStarted = new AtomicBoolean();
        var waiter = slots.during(Mono.fromRunnable(() -> waiterStarted.set(true))).subscribe();
        waiter.dispose(); // e.g. its lease was lost while it waited

        holder.dispose(); // a job holding a slot is cancelled (lease lost, shutdown)
        assertThat(waiterStarted).isFalse();
        assertThat(slots.free()).isEqualTo(1);
    }
}
