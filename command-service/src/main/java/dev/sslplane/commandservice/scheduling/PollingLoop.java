package dev.sslplane.commandservice.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one look every {@code interval} on a daemon thread of its own while the application runs. A look that fails
 * (the store or the event store away for a moment) is logged and the next one tries again.
 */
public abstract class PollingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService executor;

    protected PollingLoop(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One look; subclasses make it callable from tests without waiting. */
    protected abstract void look();

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            log.warn("{}: a look failed; trying again in {}", name, interval, e);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::lookSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
