package dev.sslplane.query.replay;

import java.time.Duration;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses the live projection's listener between two of its batches while a rebuild catches up and switches over,
 * and resumes it. Without a running listener (none configured, or stopped) there is nothing to pause.
 */
final class LiveListenerPause {

    private static final Duration PAUSE_TIMEOUT = Duration.ofMinutes(2);

    private final MessageListenerContainer container;
    private boolean paused;

    /** @param container the live listener's container, or {@code null} when there is none */
    LiveListenerPause(MessageListenerContainer container) {
        this.container = container;
    }

    /** Pauses a running listener and waits until its current batch is done. */
    void pause() {
        if (container != null && container.isRunning()) {
            container.pause();
            paused = true;
            waitUntilPaused();
        }
    }

    /** Resumes the listener if this paused it; a second call does nothing. */
    void resume() {
        if (container != null && paused) {
            container.resume();
            paused = false;
        }
    }

    private void waitUntilPaused() {
        long deadline = System.nanoTime() + PAUSE_TIMEOUT.toNanos();
        while (!container.isPauseRequested() || !container.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("live listener did not pause within " + PAUSE_TIMEOUT);
            }
            try {
                Thread.sleep(20); // polling a flag on the replay's own thread, not in a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pausing the live listener", e);
            }
        }
    }
}
