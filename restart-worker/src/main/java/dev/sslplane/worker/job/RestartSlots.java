package dev.sslplane.worker.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * How many jobs may restart nodes at once ({@code sslplane.worker.jobs.concurrency}). A job holds a slot from its first
 * node to its last checkpoint only: claiming, inspecting and getting certificates happen before, the final report
 * after, so a freed slot goes at once to a job that is ready to restart (first come, first served). A waiting job
 * holds no thread.
 */
public final class RestartSlots {

    private final Deque<MonoSink<Slot>> waiting = new ArrayDeque<>();
    private int free;

    public RestartSlots(int slots) {
        this.free = slots;
    }

    /** Runs {@code work} in a slot; the slot is given back when it ends, fails or is cancelled. */
    public <T> Mono<T> during(Mono<T> work) {
        return Mono.usingWhen(acquire(), slot -> work, Slot::release, (slot, e) -> slot.release(), Slot::release);
    }

    private Mono<Slot> acquire() {
        return Mono.<Slot>create(sink -> {
                    boolean granted;
                    synchronized (this) {
                        granted = free > 0;
                        if (granted) {
                            free--;
                        } else {
                            waiting.add(sink);
                        }
                    }
                    if (granted) {
                        sink.success(new Slot());
                    } else {
                        sink.onCancel(() -> {
                            synchronized (this) {
                                waiting.remove(sink);
                            }
                        });
                    }
                })
                // granted to a waiter cancelled at the same moment: give it to the next one
                .doOnDiscard(Slot.class, Slot::release);
    }

    public synchronized int free() {
        return free;
    }

    private void handBack() {
        MonoSink<Slot> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                free++;
                return;
            }
        }
        next.success(new Slot());
    }

    private final class Slot {
        private final AtomicBoolean held = new AtomicBoolean(true);

        Mono<Void> release() {
            if (held.compareAndSet(true, false)) {
                handBack();
            }
            return Mono.empty();
        }
    }
}
