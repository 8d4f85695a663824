package dev.sslplane.localstack;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts the stack's children and keeps them running: a child that exits while the stack is not stopping is
 * started again as it was first ({@link Launch}), after the back-off of its {@link RestartPolicy}, and counts as
 * running again only once its readiness check passes. A child that fails too often is given up on and
 * {@link #givenUp()} completes; the caller decides what then happens to the stack. Every change is said in a line
 * for the person watching and handed to the listener (the status file).
 */
final class Supervisor {

    /** A child and the supervisor's memory of it; guarded by the supervisor's lock. */
    private static final class Child {
        final Launch launch;
        final RestartPolicy policy;
        ChildProcess process;
        ChildStatus status;

        Child(Launch launch, RestartPolicy policy, ChildStatus status) {
            this.launch = launch;
            this.policy = policy;
            this.status = status;
        }
    }

    private final RestartPolicy.Limits limits;
    private final Clock clock;
    private final Consumer<String> say;
    private final Consumer<List<ChildStatus>> listener;
    // a restart blocks its thread for the child's readiness check (minutes for a service): children that fail at
    // the same time (the database and what needs it) must not wait for each other
    private final ScheduledExecutorService restarts = Executors.newScheduledThreadPool(4, runnable -> {
        var thread = new Thread(runnable, "supervisor-restart");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Child> children = new ArrayList<>();
    private final CompletableFuture<ChildStatus> givenUp = new CompletableFuture<>();
    private boolean stopping;

    Supervisor(RestartPolicy.Limits limits, Clock clock, Consumer<String> say, Consumer<List<ChildStatus>> listener) {
        this.limits = limits;
        this.clock = clock;
        this.say = say;
        this.listener = listener;
    }

    /**
     * Starts a child and waits until it is ready; from then on it is restarted when it exits. A first start that
     * fails is not retried: it throws, as the stack's start did before supervision (the child stays listed, so
     * {@link #stopAll} still stops it).
     */
    ChildProcess start(Launch launch) throws IOException, InterruptedException {
        var child = new Child(launch, new RestartPolicy(limits, clock),
                new ChildStatus(launch.name(), ChildState.STARTING, 0, clock.instant(), 0, launch.logFile()));
        synchronized (this) {
            if (stopping) {
                throw new StackException("the stack is stopping");
            }
            children.add(child);
            publish();
        }
        ChildProcess process = launch.start();
        if (!adopt(child, process, ChildState.STARTING)) {
            throw new StackException("the stack is stopping");
        }
        launch.readiness().await(process);
        running(child, process, false);
        return process;
    }

    /** Completes with the child given up on, if one is. */
    CompletableFuture<ChildStatus> givenUp() {
        return givenUp;
    }

    synchronized List<ChildStatus> statuses() {
        return children.stream().map(c -> c.status).toList();
    }

    /**
     * Stops every child in reverse start order, gracefully within {@code grace} each; exits from now on are
     * expected and pending restarts are cancelled.
     */
    void stopAll(Duration grace, Consumer<String> stopped) {
        List<Child> reversed;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            reversed = new ArrayList<>(children);
            Collections.reverse(reversed);
        }
        restarts.shutdownNow();
        try {
            // a restart in its readiness check is interrupted and stops the process it started
            restarts.awaitTermination(grace.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Child child : reversed) {
            ChildProcess process;
            synchronized (this) {
                process = child.process;
            }
            if (process != null) {
                process.stop(grace);
            }
            synchronized (this) {
                if (child.status.state() != ChildState.GIVEN_UP) {
                    child.status = child.status.with(ChildState.STOPPED, 0, clock.instant());
                }
                publish();
            }
            stopped.accept(child.launch.name());
        }
    }

    /**
     * Makes a just started process the child's current one. False if the stack began to stop meanwhile: stopAll
     * has passed this child already, so the process is stopped here.
     */
    private boolean adopt(Child child, ChildProcess process, ChildState state) {
        synchronized (this) {
            if (!stopping) {
                child.process = process;
                child.status = child.status.with(state, process.pid(), clock.instant());
                publish();
                return true;
            }
        }
        process.stop(Duration.ofSeconds(10));
        return false;
    }

    /**
     * Marks the child running, says so after a restart, and then watches for its exit: a child that has already
     * exited is reported at once, and its failure must follow the line saying it ran.
     */
    private void running(Child child, ChildProcess process, boolean restarted) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            child.policy.running();
            child.status = child.status.with(ChildState.RUNNING, process.pid(), clock.instant());
            if (restarted) {
                say.accept("✓ " + child.launch.name() + " is running again (restart " + child.status.restarts()
                        + ", pid " + process.pid() + ")");
            }
            publish();
        }
        process.onExit().thenRun(() -> exited(child, process));
    }

    private synchronized void exited(Child child, ChildProcess process) {
        if (stopping || child.process != process) {
            return;
        }
        int code = process.exitValue();
        // the JDK reports a process ended by a signal as 128 + its number, as shells do
        failed(child, "exited unexpectedly (exit code " + code + (code > 128 ? ", signal " + (code - 128) : "")
                + ")");
    }

    /** Called with the lock held. */
    private void failed(Child child, String what) {
        String name = child.launch.name();
        child.process = null;
        RestartPolicy.Decision decision = child.policy.failed();
        if (decision instanceof RestartPolicy.Restart restart) {
            child.status = child.status.restarted().with(ChildState.RESTARTING, 0, clock.instant());
            say.accept("⚠ " + name + " " + what + "; restart " + child.status.restarts() + " in "
                    + restart.delay().toMillis() / 1000.0 + " s. Its log: " + child.launch.logFile());
            publish();
            restarts.schedule(() -> restart(child), restart.delay().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        child.status = child.status.with(ChildState.GIVEN_UP, 0, clock.instant());
        int failures = ((RestartPolicy.GiveUp) decision).failures();
        say.accept("✗ " + name + " " + what + ": " + failures + " failures within " + limits.window().toSeconds()
                + " s, giving up on " + name + ". Its log: " + child.launch.logFile());
        publish();
        givenUp.complete(child.status);
    }

    private void restart(Child child) {
        ChildProcess process;
        try {
            process = child.launch.start();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                if (!stopping) {
                    failed(child, "could not be started again (" + e.getMessage() + ")");
                }
            }
            return;
        } catch (InterruptedException stopping) {
            return;
        }
        if (!adopt(child, process, ChildState.RESTARTING)) {
            return;
        }
        try {
            child.launch.readiness().await(process);
        } catch (InterruptedException stopping) {
            process.stop(Duration.ofSeconds(10));
            return;
        } catch (RuntimeException notReady) {
            // not ready in time, or it died while starting: either way a failure, and a process to clean up
            process.stop(Duration.ofSeconds(10));
            synchronized (this) {
                if (!stopping) {
                    failed(child, "did not become ready again (" + notReady.getMessage() + ")");
                }
            }
            return;
        }
        running(child, process, true);
    }

    /** Called with the lock held, so listeners see the changes in order. */
    private void publish() {
        listener.accept(children.stream().map(c -> c.status).toList());
    }
}
