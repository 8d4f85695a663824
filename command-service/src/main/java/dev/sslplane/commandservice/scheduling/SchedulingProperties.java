package dev.sslplane.commandservice.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sslplane.scheduling.*}: how operations scheduled for a maintenance window are started.
 *
 * @param pollInterval how often each replica looks for scheduled operations whose window has opened; an operation
 *                     starts at most this long (plus the command's own time) after its window opens, so it stays
 *                     well under a minute (100 ms .. 60 s)
 * @param batchSize    due operations started per look, at most; the rest wait for the next look
 */
@ConfigurationProperties("sslplane.scheduling")
public record SchedulingProperties(@DefaultValue("10s") Duration pollInterval, @DefaultValue("100") int batchSize) {

    public SchedulingProperties {
        if (pollInterval.compareTo(Duration.ofMillis(100)) < 0 || pollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("sslplane.scheduling.poll-interval must be 100ms to 60s, was "
                    + pollInterval);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("sslplane.scheduling.batch-size must be 1 to 10000, was " + batchSize);
        }
    }
}
